import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusal } from './refusal.ts';
import { approval, END, Run, START } from './world.ts';

const byAmount = (amount: string) =>
  new Run(
    [
      START,
      { id: 'route', type: 'condition' },
      approval('big', { assignees: [{ kind: 'user', users: ['ceo'] }] }),
      approval('small', { assignees: [{ kind: 'user', users: ['bob'] }] }),
      END,
    ],
    [
      { id: 'e0', from: 'start', to: 'route' },
      { id: 'e1', from: 'route', to: 'big', condition: 'amount >= decimal("10000")' },
      { id: 'e2', from: 'route', to: 'small', default: true },
      { id: 'e3', from: 'big', to: 'end' },
      { id: 'e4', from: 'small', to: 'end' },
    ],
    { amount },
  );

const parallel = () =>
  new Run(
    [
      START,
      { id: 'split', type: 'parallel-split' },
      approval('legal', { assignees: [{ kind: 'user', users: ['carol'] }] }),
      approval('finance', { assignees: [{ kind: 'user', users: ['erin'] }] }),
      { id: 'join', type: 'parallel-join' },
      approval('head', { assignees: [{ kind: 'user', users: ['ceo'] }] }),
      END,
    ],
    [
      { id: 'a', from: 'start', to: 'split' },
      { id: 'b', from: 'split', to: 'legal' },
      { id: 'c', from: 'split', to: 'finance' },
      { id: 'd', from: 'legal', to: 'join' },
      { id: 'e', from: 'finance', to: 'join' },
      { id: 'f', from: 'join', to: 'head' },
      { id: 'g', from: 'head', to: 'end' },
    ],
  );

describe('engine: condition, parallel split/join, notify', () => {
  it('takes the branch whose condition holds, else the default', () => {
    const big = byAmount('25000.00');
    big.submit();
    assert.deepEqual(big.open(), { big: ['ceo'] });
    const small = byAmount('99.00');
    small.submit();
    assert.deepEqual(small.open(), { small: ['bob'] });
    assert.ok(small.actions().includes('branched@route'));
  });

  it('refuses a submission whose condition fails to evaluate, naming the edge', () => {
    const run = new Run(
      [START, { id: 'route', type: 'condition' }, END, { id: 'other', type: 'end' }],
      [
        { id: 'e0', from: 'start', to: 'route' },
        { id: 'e1', from: 'route', to: 'end', condition: 'amount / decimal("0") > decimal("1")' },
        { id: 'e2', from: 'route', to: 'other', default: true },
      ],
    );
    const refused = refusal(() => run.submit());
    assert.equal(refused.code, 'expression.failed');
    assert.equal(refused.field, '/nodes/route/edges/e1/condition');
    assert.equal(run.instance.status, 'draft');
  });

  it('runs both branches at once and joins only when both have arrived', () => {
    const run = parallel();
    run.submit();
    assert.deepEqual(run.open(), { legal: ['carol'], finance: ['erin'] });
    run.approve('erin');
    assert.deepEqual(run.open(), { legal: ['carol'] });
    assert.equal(run.instance.tokens.filter((t) => t.wait?.kind === 'join').length, 1);
    run.approve('carol');
    assert.deepEqual(run.open(), { head: ['ceo'] });
    assert.equal(run.instance.tokens.length, 1);
    assert.deepEqual(run.instance.tokens[0]?.branches, [], 'the joined token is outside the split');
    run.approve('ceo');
    assert.equal(run.instance.status, 'approved');
  });

  it('the split and the join each leave a timeline entry, as gateways that were passed', () => {
    const run = parallel();
    run.submit();
    const split = run.instance.timeline.find((entry) => entry.node === 'split');
    assert.equal(split?.action, 'split');
    assert.deepEqual(
      run.actions().filter((action) => action.endsWith('@split') || action.startsWith('entered')),
      ['split@split', 'entered@legal', 'entered@finance'],
      'the split comes before the branches it starts',
    );
    run.approve('erin');
    run.approve('carol');
    assert.ok(run.actions().includes('joined@join'));
  });

  it('a rejection in one branch rejects the item and cancels the other branch', () => {
    const run = parallel();
    run.submit();
    run.reject('carol');
    assert.equal(run.instance.status, 'rejected');
    assert.equal(run.instance.tasks.find((t) => t.assignee === 'erin')?.status, 'cancelled');
  });

  it('notify (知会) gives read items and does not wait', () => {
    const run = new Run(
      [
        START,
        { id: 'cc', type: 'notify', config: { recipients: [{ kind: 'role', role: 'legal' }] } },
        approval('head', { assignees: [{ kind: 'user', users: ['bob'] }] }),
        END,
      ],
      [
        { id: 'a', from: 'start', to: 'cc' },
        { id: 'b', from: 'cc', to: 'head' },
        { id: 'c', from: 'head', to: 'end' },
      ],
    );
    run.submit();
    assert.deepEqual(run.open(), { head: ['bob'] });
    const cc = run.instance.tasks.filter((task) => task.kind === 'cc');
    assert.deepEqual(
      cc.map((task) => [task.assignee, task.status]),
      [
        ['carol', 'unread'],
        ['dave', 'unread'],
      ],
    );
    assert.ok(
      run.effects.some((e) => e.type === 'notice' && e.reason === 'cc' && e.users[0] === 'carol'),
    );
    run.approve('bob');
    assert.equal(run.instance.status, 'approved');
    run.do({ type: 'read', actor: 'carol', task: cc[0]!.id });
    assert.equal(run.instance.tasks.find((t) => t.id === cc[0]!.id)?.status, 'read');
  });
});
