import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusal } from './refusal.ts';
import { chain, END, Run, START } from './world.ts';

const countersign = (rule: Record<string, unknown>) =>
  new Run(
    [
      START,
      {
        id: 'board',
        type: 'countersign',
        config: {
          assignees: [
            { kind: 'role', role: 'finance' },
            { kind: 'user', users: ['bob'] },
          ],
          rule,
        },
      },
      END,
    ],
    chain('start', 'board', 'end'),
  );

/** A countersign of the three finance people (erin, frank, gina). */
const finance = (rule: Record<string, unknown>) =>
  new Run(
    [
      START,
      {
        id: 'board',
        type: 'countersign',
        config: { assignees: [{ kind: 'role', role: 'finance' }], rule },
      },
      END,
    ],
    chain('start', 'board', 'end'),
  );

describe('engine: countersign (会签)', () => {
  it('gives every resolved person a vote', () => {
    const run = countersign({ kind: 'all' });
    run.submit();
    assert.deepEqual(run.open(), { board: ['bob', 'erin', 'frank', 'gina'] });
  });

  it('all: passes only when everyone approves', () => {
    const run = countersign({ kind: 'all' });
    run.submit();
    for (const user of ['erin', 'frank', 'gina']) run.approve(user);
    assert.equal(run.instance.status, 'running');
    assert.deepEqual(run.open(), { board: ['bob'] });
    run.approve('bob');
    assert.equal(run.instance.status, 'approved');
  });

  it('all: one rejection rejects the item and cancels the other votes', () => {
    const run = countersign({ kind: 'all' });
    run.submit();
    run.approve('erin');
    run.reject('frank');
    assert.equal(run.instance.status, 'rejected');
    const statuses = Object.fromEntries(
      run.instance.tasks.filter((t) => t.node === 'board').map((t) => [t.assignee, t.status]),
    );
    assert.deepEqual(statuses, {
      erin: 'approved',
      frank: 'rejected',
      gina: 'cancelled',
      bob: 'cancelled',
    });
  });

  it('any: the first approval passes; it fails only when all reject', () => {
    const passing = countersign({ kind: 'any' });
    passing.submit();
    passing.reject('erin');
    assert.equal(passing.instance.status, 'running');
    passing.approve('gina');
    assert.equal(passing.instance.status, 'approved');

    const failing = countersign({ kind: 'any' });
    failing.submit();
    for (const user of ['erin', 'frank', 'gina', 'bob']) failing.reject(user);
    assert.equal(failing.instance.status, 'rejected');
  });

  it('share 50%: two of four approvals pass; three rejections make it impossible', () => {
    const passing = countersign({ kind: 'share', percent: 50 });
    passing.submit();
    passing.approve('erin');
    passing.reject('frank');
    assert.equal(passing.instance.status, 'running');
    passing.approve('bob');
    assert.equal(passing.instance.status, 'approved');
    assert.equal(passing.instance.tasks.find((t) => t.assignee === 'gina')?.status, 'cancelled');

    const failing = countersign({ kind: 'share', percent: 50 });
    failing.submit();
    failing.reject('erin');
    failing.reject('frank');
    assert.equal(failing.instance.status, 'running', 'two yes votes are still possible');
    failing.reject('gina');
    assert.equal(failing.instance.status, 'rejected');
  });

  it('share 75%: rounds the needed votes up (3 of 4)', () => {
    const run = countersign({ kind: 'share', percent: 75 });
    run.submit();
    run.approve('erin');
    run.approve('frank');
    assert.equal(run.instance.status, 'running');
    run.approve('bob');
    assert.equal(run.instance.status, 'approved');
  });

  it('share 67% of three needs all three; 66% of three needs two', () => {
    const strict = finance({ kind: 'share', percent: 67 });
    strict.submit();
    strict.approve('erin');
    strict.approve('frank');
    assert.equal(strict.instance.status, 'running', 'two of three is under 67%');
    strict.approve('gina');
    assert.equal(strict.instance.status, 'approved');

    const loose = finance({ kind: 'share', percent: 66 });
    loose.submit();
    loose.approve('erin');
    assert.equal(loose.instance.status, 'running');
    loose.approve('frank');
    assert.equal(loose.instance.status, 'approved');
    assert.equal(loose.instance.tasks.find((t) => t.assignee === 'gina')?.status, 'cancelled');
  });

  it('count: at least 2 of 3, so the second approval completes the node', () => {
    const run = finance({ kind: 'count', atLeast: 2 });
    run.submit();
    run.approve('gina');
    assert.equal(run.instance.status, 'running');
    run.approve('erin');
    assert.equal(run.instance.status, 'approved');
    assert.equal(run.instance.tasks.find((t) => t.assignee === 'frank')?.status, 'cancelled');

    const failing = finance({ kind: 'count', atLeast: 2 });
    failing.submit();
    failing.reject('gina');
    assert.equal(failing.instance.status, 'running', 'two yes votes are still possible');
    failing.reject('frank');
    assert.equal(failing.instance.status, 'rejected');
  });

  it('records the approvals needed, resolved for the people reached, when the node is entered', () => {
    const needed = (rule: Record<string, unknown>) => {
      const run = finance(rule);
      run.submit();
      const entered = run.instance.timeline.find((entry) => entry.action === 'entered');
      return [entered?.users?.length, entered?.needed];
    };
    assert.deepEqual(needed({ kind: 'share', percent: 67 }), [3, 3]);
    assert.deepEqual(needed({ kind: 'share', percent: 66 }), [3, 2]);
    assert.deepEqual(needed({ kind: 'count', atLeast: 2 }), [3, 2]);
    assert.deepEqual(needed({ kind: 'all' }), [3, 3]);
    assert.deepEqual(needed({ kind: 'any' }), [3, 1]);
  });

  it('refuses to enter when fewer people resolve than the count needs, saying both numbers', () => {
    const run = finance({ kind: 'count', atLeast: 4 });
    const refused = refusal(() => run.submit());
    assert.equal(refused.code, 'assignee.tooFew');
    assert.equal(refused.field, '/nodes/board/config/rule/atLeast');
    assert.equal(refused.status, 422);
    assert.equal(run.instance.status, 'draft', 'nothing moved');
    assert.throws(() => run.submit(), /at least 4 .* only 3 /);
  });

  it('records each vote with its opinion on the timeline', () => {
    const run = countersign({ kind: 'all' });
    run.submit();
    run.approve('erin', { opinion: '财务同意' });
    const vote = run.instance.timeline.find((entry) => entry.action === 'approved');
    assert.deepEqual([vote?.actor, vote?.node, vote?.opinion], ['erin', 'board', '财务同意']);
  });
});
