import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FlowCommand, FlowError, type FlowInstance, isOpen } from '@tessera/runtime/flow';
import fc from 'fast-check';
import { approval, chain, Run, START } from './world.ts';

/** A flow with every kind of task node, a parallel section and a condition. */
const build = () =>
  new Run(
    [
      START,
      approval('head', { assignees: [{ kind: 'departmentHead' }] }),
      { id: 'route', type: 'condition' },
      {
        id: 'board',
        type: 'countersign',
        config: {
          assignees: [{ kind: 'role', role: 'finance' }],
          rule: { kind: 'share', percent: 60 },
        },
      },
      { id: 'split', type: 'parallel-split' },
      approval('legal', { assignees: [{ kind: 'role', role: 'legal' }] }),
      approval('ceo', { assignees: [{ kind: 'user', users: ['ceo'] }] }),
      { id: 'join', type: 'parallel-join' },
      { id: 'cc', type: 'notify', config: { recipients: [{ kind: 'initiator' }] } },
      { id: 'end', type: 'end' },
    ],
    [
      ...chain('start', 'head', 'route'),
      { id: 'big', from: 'route', to: 'board', condition: 'amount >= decimal("1000")' },
      { id: 'small', from: 'route', to: 'split', default: true },
      { id: 'b', from: 'board', to: 'split' },
      { id: 's1', from: 'split', to: 'legal' },
      { id: 's2', from: 'split', to: 'ceo' },
      { id: 'j1', from: 'legal', to: 'join' },
      { id: 'j2', from: 'ceo', to: 'join' },
      ...chain('join', 'cc', 'end'),
    ],
    { amount: '5000.00' },
  );

type Pick = {
  readonly action: number;
  readonly task: number;
  readonly user: number;
  readonly target: number;
};
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'ceo'];
const TARGETS = ['previous', 'drafter', 'head', 'board', 'legal', 'start'];

/** Turns random picks into a command that may or may not be allowed. */
function commandOf(instance: FlowInstance, pick: Pick, key: string): FlowCommand {
  const open = instance.tasks.filter((task) => task.kind === 'approve' && isOpen(task));
  if (
    instance.tasks.some((one) => one.kind === 'draft' && one.status === 'open') &&
    pick.action % 4 !== 0
  ) {
    return { type: 'submit', actor: 'alice', key };
  }
  const task = open[pick.task % Math.max(open.length, 1)];
  const actor = task?.assignee ?? 'alice';
  const id = task?.id ?? 'none';
  const user = USERS[pick.user % USERS.length]!;
  const kinds: FlowCommand[] = [
    { type: 'submit', actor: 'alice', key },
    { type: 'approve', actor, task: id, key },
    { type: 'approve', actor, task: id, key },
    { type: 'approve', actor, task: id, key },
    { type: 'approve', actor, task: id, key },
    { type: 'approve', actor, task: id, key },
    { type: 'reject', actor, task: id, key },
    {
      type: 'return',
      actor,
      task: id,
      to: TARGETS[pick.target % TARGETS.length]!,
      resubmit: pick.user % 2 ? 'straight' : 'flow',
      key,
    },
    { type: 'transfer', actor, task: id, to: user, key },
    {
      type: 'addSigner',
      actor,
      task: id,
      users: [user],
      placement: pick.target % 2 ? 'before' : 'after',
      key,
    },
    { type: 'withdraw', actor: 'alice', key },
    { type: 'urge', actor: 'alice', key },
  ];
  return kinds[pick.action % kinds.length]!;
}

function checkInvariants(instance: FlowInstance) {
  const tokens = new Set(instance.tokens.map((token) => token.id));
  for (const task of instance.tasks) {
    if (task.kind !== 'cc' && isOpen(task))
      assert.ok(tokens.has(task.token), `open task ${task.id} has its token`);
  }
  for (const token of instance.tokens) {
    if (token.wait?.kind === 'tasks') {
      assert.ok(
        instance.tasks.some((task) => task.token === token.id && isOpen(task)),
        `token ${token.id} at ${token.node} waits for an open task`,
      );
    }
  }
  const ended = instance.status !== 'running' && instance.status !== 'draft';
  if (ended) {
    assert.equal(instance.tokens.length, 0, 'an ended instance has no tokens');
    assert.equal(instance.tasks.filter((task) => task.kind !== 'cc' && isOpen(task)).length, 0);
  } else {
    assert.ok(instance.tokens.length > 0, 'a live instance has a token');
  }
  if (instance.status === 'draft')
    assert.ok(instance.tasks.some((t) => t.kind === 'draft' && t.status === 'open'));
  assert.deepEqual(
    instance.timeline.map((entry) => entry.seq),
    instance.timeline.map((_, index) => index + 1),
  );
  assert.equal(
    new Set(instance.tasks.map((task) => task.id)).size,
    instance.tasks.length,
    'task ids are unique',
  );
}

describe('engine invariants under random commands', () => {
  it('no orphan task, no stuck token, deterministic replays', () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ action: fc.nat(), task: fc.nat(), user: fc.nat(), target: fc.nat() }),
          { minLength: 1, maxLength: 60 },
        ),
        (picks) => {
          const run = build();
          const twin = build();
          picks.forEach((pick, index) => {
            const command = commandOf(run.instance, pick, `k${index}`);
            let refused: string | undefined;
            try {
              run.do(command);
            } catch (error) {
              if (!(error instanceof FlowError)) throw error;
              refused = error.code;
            }
            try {
              twin.do(command);
              assert.equal(refused, undefined, 'the twin accepted what the first refused');
            } catch (error) {
              if (!(error instanceof FlowError)) throw error;
              assert.equal(error.code, refused);
            }
            checkInvariants(run.instance);
            count(refused ?? command.type);
            // a replay of an applied key changes nothing
            if (refused === undefined) assert.equal(run.do(command).replayed, true);
          });
          assert.deepEqual(run.instance, twin.instance);
          count(run.instance.status);
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
    // the random walks reach every outcome and every command succeeds somewhere
    for (const what of [
      'approved',
      'rejected',
      'return',
      'transfer',
      'addSigner',
      'withdraw',
      'urge',
    ]) {
      assert.ok(
        (seen.get(what) ?? 0) > 0,
        `the walks never saw ${what}: ${JSON.stringify([...seen])}`,
      );
    }
  });
});
