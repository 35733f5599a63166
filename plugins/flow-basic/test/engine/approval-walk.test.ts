import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusal } from './refusal.ts';
import { approval, chain, END, Run, START } from './world.ts';

const threeSteps = () =>
  new Run(
    [
      START,
      approval('manager', { assignees: [{ kind: 'manager', levels: 1 }] }),
      approval('legal', { assignees: [{ kind: 'role', role: 'legal' }], opinionRequired: true }),
      approval('head', { assignees: [{ kind: 'departmentHead', levelsUp: 1 }] }),
      END,
    ],
    chain('start', 'manager', 'legal', 'head', 'end'),
  );

describe('engine: a three-step approval', () => {
  it('starts as a draft with the drafter holding it', () => {
    const run = threeSteps();
    assert.equal(run.instance.status, 'draft');
    assert.deepEqual(run.open(), { start: ['alice'] });
    assert.equal(run.instance.tasks[0]?.kind, 'draft');
  });

  it('walks manager, legal (either member) and the head one level up to the end', () => {
    const run = threeSteps();
    run.submit();
    assert.equal(run.instance.status, 'running');
    assert.deepEqual(run.open(), { manager: ['bob'] });
    run.later(30).approve('bob', { opinion: '同意' });
    assert.deepEqual(run.open(), { legal: ['carol', 'dave'] });
    run.later(5).approve('dave', { opinion: 'compliant' });
    assert.deepEqual(run.open(), { head: ['ceo'] }, "carol's copy of the legal task is cancelled");
    run.approve('ceo');
    assert.equal(run.instance.status, 'approved');
    assert.equal(run.instance.tokens.length, 0);
    assert.deepEqual(run.open(), {});
    assert.deepEqual(run.actions(), [
      'created@start',
      'submitted@start',
      'entered@manager',
      'approved@manager',
      'passed@manager',
      'entered@legal',
      'approved@legal',
      'passed@legal',
      'entered@head',
      'approved@head',
      'passed@head',
      'ended@end',
    ]);
    const carol = run.instance.tasks.find((task) => task.assignee === 'carol');
    assert.equal(carol?.status, 'cancelled');
    const bob = run.instance.tasks.find((task) => task.assignee === 'bob');
    assert.deepEqual(
      [bob?.status, bob?.opinion, bob?.actedAt],
      ['approved', '同意', '2026-12-01T02:30:00.000Z'],
    );
    assert.deepEqual(
      run.effects.filter((effect) => effect.type === 'flow.ended'),
      [{ type: 'flow.ended', outcome: 'approved' }],
    );
  });

  it('is deterministic: the same commands give the same instance and effects', () => {
    const a = threeSteps();
    const b = threeSteps();
    for (const run of [a, b]) {
      run.submit();
      run.approve('bob');
    }
    assert.deepEqual(a.instance, b.instance);
    assert.deepEqual(a.effects, b.effects);
  });

  it('never changes the instance it is given', () => {
    const run = threeSteps();
    const before = structuredClone(run.instance);
    const frozen = run.instance;
    run.submit();
    assert.deepEqual(frozen, before);
  });

  it('refuses an approval without the required opinion, naming /opinion, and changes nothing', () => {
    const run = threeSteps();
    run.submit();
    run.approve('bob');
    const before = run.instance;
    assert.deepEqual(
      refusal(() => run.approve('carol')),
      { code: 'opinion.required', field: '/opinion', status: 400 },
    );
    assert.equal(run.instance, before);
  });

  it('refuses someone else acting on a task, and a task already handled', () => {
    const run = threeSteps();
    run.submit();
    const task = run.taskOf('bob');
    assert.equal(
      refusal(() => run.do({ type: 'approve', actor: 'carol', task })).code,
      'task.notYours',
    );
    run.do({ type: 'approve', actor: 'bob', task });
    assert.deepEqual(
      refusal(() => run.do({ type: 'approve', actor: 'bob', task })),
      {
        code: 'task.closed',
        field: '/task',
        status: 409,
      },
    );
    assert.equal(
      refusal(() => run.do({ type: 'approve', actor: 'bob', task: 'nope' })).code,
      'task.notFound',
    );
  });

  it('replays a command with a known key as a no-op', () => {
    const run = threeSteps();
    run.submit({ key: 'k-submit' });
    const task = run.taskOf('bob');
    const first = run.do({ type: 'approve', actor: 'bob', task, key: 'k-1' });
    const again = run.do({ type: 'approve', actor: 'bob', task, key: 'k-1' });
    assert.equal(first.replayed, false);
    assert.equal(again.replayed, true);
    assert.deepEqual(again.effects, []);
    assert.equal(
      run.instance.tasks.filter((one) => one.node === 'legal').length,
      2,
      'legal tasks made once',
    );
  });

  it('ends rejected when an approver rejects; nothing more can be done but comment', () => {
    const run = threeSteps();
    run.submit();
    run.reject('bob', '预算不足');
    assert.equal(run.instance.status, 'rejected');
    assert.deepEqual(run.open(), {});
    assert.equal(refusal(() => run.submit()).code, 'instance.state');
    run.do({ type: 'comment', actor: 'alice', opinion: '好的' });
    assert.equal(run.instance.timeline.at(-1)?.action, 'commented');
  });

  it('refuses a submission by someone other than the drafter', () => {
    const run = threeSteps();
    assert.equal(
      refusal(() => run.do({ type: 'submit', actor: 'bob' })).code,
      'instance.notInitiator',
    );
  });
});
