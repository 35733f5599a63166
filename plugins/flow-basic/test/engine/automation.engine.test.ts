import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approval, chain, DEDUCT, END, Run, START } from './world.ts';

const schedules = (run: Run) =>
  run.effects.flatMap((effect) =>
    effect.type === 'schedule'
      ? [[effect.id.split('.').at(-1), effect.at, effect.command.type]]
      : [],
  );

describe('engine: write-back, timer, deadline, sub-flow', () => {
  it('a write-back after an approval is owed in the same command, with the record values', () => {
    const run = new Run(
      [START, approval('a', { assignees: [{ kind: 'user', users: ['bob'] }] }), DEDUCT, END],
      chain('start', 'a', 'deduct', 'end'),
      { budgetLine: 'b1', amount: '300.00' },
    );
    run.submit();
    assert.equal(run.instance.owed.length, 0);
    const result = run.approve('bob');
    assert.equal(run.instance.status, 'approved');
    assert.equal(run.instance.owed.length, 1);
    const owed = run.instance.owed[0]!;
    assert.deepEqual([owed.type, owed.node, owed.values.amount], ['writeBack', 'deduct', '300.00']);
    assert.ok(
      result.effects.some(
        (effect) => 'kind' in effect && effect.kind === 'owed' && effect.id === owed.id,
      ),
    );
  });

  it('a timer holds the token and moves on when woken, once', () => {
    const run = new Run(
      [
        START,
        { id: 'wait', type: 'timer', config: { wait: { after: 'P1D' } } },
        approval('a', { assignees: [{ kind: 'user', users: ['bob'] }] }),
        END,
      ],
      chain('start', 'wait', 'a', 'end'),
    );
    run.submit();
    const token = run.instance.tokens[0]!;
    assert.deepEqual(token.wait, { kind: 'timer', at: '2026-12-02T02:00:00.000Z' });
    assert.deepEqual(schedules(run), [
      [`${token.id.split('.').at(-1)}:wake`, '2026-12-02T02:00:00.000Z', 'wake'],
    ]);
    run
      .later(24 * 60)
      .do({ type: 'wake', actor: 'system', token: token.id, key: `${token.id}:wake` });
    assert.deepEqual(run.open(), { a: ['bob'] });
    const again = run.do({ type: 'wake', actor: 'system', token: token.id });
    assert.deepEqual(again.effects, []);
  });

  it('a timer until a date from the record', () => {
    const run = new Run(
      [
        START,
        {
          id: 'wait',
          type: 'timer',
          config: { wait: { until: 'timestamp("2026-12-05T00:00:00Z")' } },
        },
        END,
      ],
      chain('start', 'wait', 'end'),
    );
    run.submit();
    assert.deepEqual(run.instance.tokens[0]?.wait, {
      kind: 'timer',
      at: '2026-12-05T00:00:00.000Z',
    });
  });

  it('a deadline by priority: reminder before, overdue mark and the supervisor at it', () => {
    const deadline = {
      afterExpr: 'priority == "P1" ? duration("4h") : duration("48h")',
      remindBefore: 'PT1H',
      supervisor: { kind: 'departmentHead', levelsUp: 1 },
    };
    const run = new Run(
      [START, approval('a', { assignees: [{ kind: 'user', users: ['carol'] }], deadline }), END],
      chain('start', 'a', 'end'),
      { priority: 'P1' },
    );
    run.submit();
    const task = run.instance.tasks.find((t) => t.node === 'a')!;
    assert.equal(task.due, '2026-12-01T06:00:00.000Z');
    assert.deepEqual(
      schedules(run).map(([id, at, type]) => [String(id).split(':')[1], at, type]),
      [
        ['overdue', '2026-12-01T06:00:00.000Z', 'deadline'],
        ['remind', '2026-12-01T05:00:00.000Z', 'deadline'],
      ],
    );
    run.later(180).do({ type: 'deadline', actor: 'system', task: task.id, phase: 'remind' });
    assert.ok(
      run.effects.some(
        (e) => e.type === 'notice' && e.reason === 'remind' && e.users.join() === 'carol',
      ),
    );
    run.later(60).do({ type: 'deadline', actor: 'system', task: task.id, phase: 'overdue' });
    assert.equal(run.instance.tasks.find((t) => t.id === task.id)?.overdue, true);
    const overdue = run.effects.find((e) => e.type === 'notice' && e.reason === 'overdue');
    assert.deepEqual(overdue && 'users' in overdue ? overdue.users : [], ['carol', 'ceo']);
    // the P2 item gets two days
    const slow = new Run(
      [START, approval('a', { assignees: [{ kind: 'user', users: ['carol'] }], deadline }), END],
      chain('start', 'a', 'end'),
      { priority: 'P2' },
    );
    slow.submit();
    assert.equal(slow.instance.tasks.find((t) => t.node === 'a')?.due, '2026-12-03T02:00:00.000Z');
  });

  it('a deadline on a task already handled does nothing', () => {
    const run = new Run(
      [
        START,
        approval('a', {
          assignees: [{ kind: 'user', users: ['carol'] }],
          deadline: { after: 'PT2H' },
        }),
        END,
      ],
      chain('start', 'a', 'end'),
    );
    run.submit();
    const task = run.taskOf('carol');
    run.approve('carol');
    const result = run.do({ type: 'deadline', actor: 'system', task, phase: 'overdue' });
    assert.deepEqual(result.effects, []);
  });

  it('a sub-flow is owed and the parent waits for its outcome', () => {
    const nodes = [START, { id: 'child', type: 'sub-flow', config: { flow: 'purchase' } }, END];
    const purchase = [{ id: 'purchase', nodes: [START, END], edges: chain('start', 'end') }];
    const run = new Run(nodes, chain('start', 'child', 'end'), {}, 'alice', purchase);
    run.submit();
    const token = run.instance.tokens[0]!;
    assert.equal(token.wait?.kind, 'subflow');
    assert.equal(run.instance.owed[0]?.type, 'startSubflow');
    run.do({
      type: 'subflowEnded',
      actor: 'system',
      token: token.id,
      child: 'i2',
      outcome: 'approved',
    });
    assert.equal(run.instance.status, 'approved');
    const rejected = new Run(nodes, chain('start', 'child', 'end'), {}, 'alice', purchase);
    rejected.submit();
    rejected.do({
      type: 'subflowEnded',
      actor: 'system',
      token: rejected.instance.tokens[0]!.id,
      child: 'i3',
      outcome: 'rejected',
    });
    assert.equal(rejected.instance.status, 'rejected');
  });
});
