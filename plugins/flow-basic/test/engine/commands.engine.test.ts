import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusal } from './refusal.ts';
import { approval, chain, END, Run, START } from './world.ts';

const two = (mode?: string) =>
  new Run(
    [
      START,
      approval('a', { assignees: [{ kind: 'role', role: 'legal' }], ...(mode ? { mode } : {}) }),
      approval('b', { assignees: [{ kind: 'user', users: ['ceo'] }] }),
      END,
    ],
    chain('start', 'a', 'b', 'end'),
  );

describe('engine: withdraw, transfer, add signer, urge, comment, save draft', () => {
  it('withdraw (撤回) takes the item back to a draft until someone acts', () => {
    const run = two();
    run.submit();
    run.do({ type: 'withdraw', actor: 'alice', opinion: '写错了' });
    assert.equal(run.instance.status, 'draft');
    assert.deepEqual(run.open(), { start: ['alice'] });
    assert.ok(
      run.instance.tasks.filter((t) => t.node === 'a').every((t) => t.status === 'cancelled'),
    );
    run.submit();
    assert.deepEqual(run.open(), { a: ['carol', 'dave'] });
    run.approve('carol');
    assert.equal(
      refusal(() => run.do({ type: 'withdraw', actor: 'alice' })).code,
      'withdraw.tooLate',
    );
    assert.equal(
      refusal(() => run.do({ type: 'withdraw', actor: 'ceo' })).code,
      'instance.notInitiator',
    );
  });

  it('transfer (转办) hands the task to another person at the same node', () => {
    const run = two();
    run.submit();
    run.do({
      type: 'transfer',
      actor: 'carol',
      task: run.taskOf('carol'),
      to: 'gina',
      opinion: '请 Gina 处理',
    });
    assert.deepEqual(run.open(), { a: ['dave', 'gina'] });
    const moved = run.instance.tasks.find((t) => t.assignee === 'gina');
    assert.equal(
      run.instance.tasks.find((t) => t.id === moved?.transferredFrom)?.status,
      'transferred',
    );
    run.approve('gina');
    assert.deepEqual(run.open(), { b: ['ceo'] });
  });

  it('refuses a transfer to an unknown, inactive or current holder, naming /to', () => {
    const run = two();
    run.submit();
    const task = run.taskOf('carol');
    for (const to of ['nobody-here', 'gone', 'dave', 'carol']) {
      assert.deepEqual(
        refusal(() => run.do({ type: 'transfer', actor: 'carol', task, to })),
        {
          code: 'user.unknown',
          field: '/to',
          status: 400,
        },
      );
    }
  });

  it('add signer before (前加签): they act first, then the holder gets the task back', () => {
    const run = two('single');
    run.submit({ choose: { a: ['carol'] } });
    assert.deepEqual(run.open(), { a: ['carol'] });
    run.do({
      type: 'addSigner',
      actor: 'carol',
      task: run.taskOf('carol'),
      users: ['erin', 'frank'],
      placement: 'before',
    });
    assert.deepEqual(run.open(), { a: ['carol(waiting)', 'erin', 'frank'] });
    const waiting = run.instance.tasks.find((t) => t.assignee === 'carol')!.id;
    assert.equal(
      refusal(() => run.do({ type: 'approve', actor: 'carol', task: waiting })).code,
      'task.closed',
    );
    run.approve('erin');
    assert.deepEqual(run.open(), { a: ['carol(waiting)', 'frank'] });
    run.approve('frank');
    assert.deepEqual(run.open(), { a: ['carol'] });
    run.approve('carol');
    assert.deepEqual(run.open(), { b: ['ceo'] });
  });

  it('add signer after (后加签): the holder approves now, the node waits for them', () => {
    const run = two('single');
    run.submit({ choose: { a: ['dave'] } });
    run.do({
      type: 'addSigner',
      actor: 'dave',
      task: run.taskOf('dave'),
      users: ['erin'],
      placement: 'after',
      opinion: '同意，请财务复核',
    });
    assert.deepEqual(run.open(), { a: ['erin'] });
    run.approve('erin');
    assert.deepEqual(run.open(), { b: ['ceo'] });
    assert.ok(run.actions().includes('signersAddedAfter@a'));
  });

  it('single mode (选人) needs the previous handler to pick one of the resolved people', () => {
    const run = two('single');
    const refused = refusal(() => run.submit());
    assert.deepEqual([refused.code, refused.field], ['assignee.choose', '/choose/a']);
    assert.equal(refusal(() => run.submit({ choose: { a: ['erin'] } })).code, 'assignee.choose');
  });

  it('urge (催办) reminds the current holders; comment adds to the timeline', () => {
    const run = two();
    run.submit();
    run.do({ type: 'urge', actor: 'alice', opinion: '请尽快' });
    const notice = run.effects.find((e) => e.type === 'notice' && e.reason === 'urge');
    assert.deepEqual(notice && 'users' in notice ? notice.users : [], ['carol', 'dave']);
    run.do({ type: 'comment', actor: 'ceo', opinion: '关注' });
    assert.deepEqual(run.instance.timeline.at(-1), {
      seq: run.instance.timeline.length,
      at: '2026-12-01T02:00:00.000Z',
      actor: 'ceo',
      action: 'commented',
      opinion: '关注',
    });
    assert.equal(
      refusal(() => run.do({ type: 'comment', actor: 'ceo', opinion: '  ' })).field,
      '/opinion',
    );
  });

  it('save draft is the drafter’s only, while the item is with them', () => {
    const run = two();
    run.do({ type: 'saveDraft', actor: 'alice' });
    assert.equal(
      refusal(() => run.do({ type: 'saveDraft', actor: 'bob' })).code,
      'instance.notInitiator',
    );
    run.submit();
    assert.equal(
      refusal(() => run.do({ type: 'saveDraft', actor: 'alice' })).code,
      'instance.state',
    );
  });
});

describe('engine: signers added before advise, the holder decides', () => {
  it('a rejection by an added signer gives the task back to its holder', () => {
    const run = two('single');
    run.submit({ choose: { a: ['carol'] } });
    run.do({
      type: 'addSigner',
      actor: 'carol',
      task: run.taskOf('carol'),
      users: ['erin'],
      placement: 'before',
    });
    run.reject('erin', '有风险');
    assert.equal(run.instance.status, 'running');
    assert.deepEqual(run.open(), { a: ['carol'] });
    run.approve('carol');
    assert.deepEqual(run.open(), { b: ['ceo'] });
  });
});
