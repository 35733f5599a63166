import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FlowCommand, FlowError, type FlowInstance, isOpen } from '@tessera/runtime/flow';
import fc from 'fast-check';
import { approval, chain, Run, START } from './world.ts';

/** Where the nodes of the flow below sit: branch A (with a nested split), branch B, or outside. */
const BRANCH = {
  legal: 'A',
  review: 'A',
  sign: 'A',
  audit: 'A',
  check: 'A',
  fin: 'B',
} as Readonly<Record<string, string>>;

/**
 * A flow with every kind of task node and a condition, and a parallel split whose branches
 * differ in length: A runs two steps, then a nested split (one step | a countersign and a
 * step), then its join; B is one step.
 */
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
      approval('review', { assignees: [{ kind: 'user', users: ['erin'] }] }),
      { id: 'inner', type: 'parallel-split' },
      approval('sign', { assignees: [{ kind: 'user', users: ['ceo'] }] }),
      {
        id: 'audit',
        type: 'countersign',
        config: { assignees: [{ kind: 'user', users: ['frank', 'gina'] }], rule: { kind: 'all' } },
      },
      approval('check', { assignees: [{ kind: 'user', users: ['bob'] }] }),
      { id: 'innerJoin', type: 'parallel-join' },
      approval('fin', { assignees: [{ kind: 'user', users: ['frank'] }] }),
      { id: 'join', type: 'parallel-join' },
      { id: 'cc', type: 'notify', config: { recipients: [{ kind: 'initiator' }] } },
      approval('final', { assignees: [{ kind: 'user', users: ['dave'] }] }),
      { id: 'end', type: 'end' },
    ],
    [
      ...chain('start', 'head', 'route'),
      { id: 'big', from: 'route', to: 'board', condition: 'amount >= decimal("1000")' },
      { id: 'small', from: 'route', to: 'split', default: true },
      { id: 'b', from: 'board', to: 'split' },
      { id: 's1', from: 'split', to: 'legal' },
      { id: 's2', from: 'split', to: 'fin' },
      ...chain('legal', 'review', 'inner'),
      { id: 'i1', from: 'inner', to: 'sign' },
      { id: 'i2', from: 'inner', to: 'audit' },
      ...chain('sign', 'innerJoin'),
      ...chain('audit', 'check', 'innerJoin', 'join'),
      ...chain('fin', 'join', 'cc', 'final', 'end'),
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
const TARGETS = [
  'previous',
  'drafter',
  'head',
  'board',
  'legal',
  'review',
  'sign',
  'audit',
  'check',
  'fin',
  'final',
  'start',
];

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
  const returning: FlowCommand = {
    type: 'return',
    actor,
    task: id,
    to: TARGETS[pick.target % TARGETS.length]!,
    resubmit: pick.user % 3 ? 'flow' : 'straight',
    key,
  };
  // how often each command comes up: mostly approvals, so walks get past the joins
  const weighted: [number, FlowCommand][] = [
    [1, { type: 'submit', actor: 'alice', key }],
    [14, { type: 'approve', actor, task: id, key }],
    [1, { type: 'reject', actor, task: id, key }],
    [4, returning],
    [1, { type: 'transfer', actor, task: id, to: user, key }],
    [
      1,
      {
        type: 'addSigner',
        actor,
        task: id,
        users: [user],
        placement: pick.target % 2 ? 'before' : 'after',
        key,
      },
    ],
    [1, { type: 'withdraw', actor: 'alice', key }],
    [1, { type: 'urge', actor: 'alice', key }],
  ];
  const kinds = weighted.flatMap(([weight, command]) => Array<FlowCommand>(weight).fill(command));
  return kinds[pick.action % kinds.length]!;
}

const isLive = (instance: FlowInstance) =>
  instance.status === 'running' || instance.status === 'draft';

function checkInvariants(run: Run) {
  const { instance } = run;
  const nodes = new Set(run.flow.flow.nodes.map((node) => node.id));
  const tokens = new Set(instance.tokens.map((token) => token.id));
  const open = instance.tasks.filter((task) => task.kind !== 'cc' && isOpen(task));
  for (const task of open) assert.ok(tokens.has(task.token), `open task ${task.id} has its token`);
  for (const token of instance.tokens) {
    assert.ok(nodes.has(token.node), `token ${token.id} sits at a node of the flow`);
    if (token.wait?.kind === 'tasks') {
      assert.ok(
        open.some((task) => task.token === token.id),
        `token ${token.id} at ${token.node} waits for an open task`,
      );
    }
  }
  const holders = open.map((task) => `${task.assignee}@${task.node}/${task.token}`);
  assert.equal(new Set(holders).size, holders.length, `one open task per person: ${holders}`);
  if (instance.status === 'running') {
    // someone can act, or a timer or a sub-flow will: an item never waits for nothing
    const pending = instance.tokens.some(
      (token) => token.wait?.kind === 'timer' || token.wait?.kind === 'subflow',
    );
    assert.ok(
      open.length > 0 || pending,
      `running with nobody to act: ${JSON.stringify(instance.tokens)}`,
    );
  }
  if (isLive(instance)) {
    assert.ok(instance.tokens.length > 0, 'a live instance has a token');
  } else {
    assert.equal(instance.tokens.length, 0, 'an ended instance has no tokens');
    assert.equal(open.length, 0, 'a finished item has no open task');
  }
  const ends = instance.timeline.filter((entry) => entry.action === 'ended').length;
  assert.ok(ends <= 1, 'the item ends once at most');
  assert.ok(run.effects.filter((effect) => effect.type === 'flow.ended').length <= 1);
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

/** What a return that went through did: within a branch, out of the split or into a branch. */
function returnKind(from: string, to: string): string {
  const [a, b] = [BRANCH[from], BRANCH[to]];
  if (a === undefined) return b === undefined ? 'return:outside' : 'return:intoBranch';
  if (b === undefined) return 'return:outOfSplit';
  return a === b ? 'return:withinBranch' : 'return:acrossBranches';
}

const RUNS = 300;

describe('engine invariants under random commands', () => {
  it(`no stuck item, orphan task or stray token, deterministic replays (${RUNS} runs)`, () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ action: fc.nat(), task: fc.nat(), user: fc.nat(), target: fc.nat() }),
          { minLength: 1, maxLength: 60, size: 'max' },
        ),
        (picks) => {
          const run = build();
          const twin = build();
          picks.forEach((pick, index) => {
            const command = commandOf(run.instance, pick, `k${index}`);
            const from =
              'task' in command ? run.instance.tasks.find((t) => t.id === command.task) : undefined;
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
            checkInvariants(run);
            count(refused ?? command.type);
            if (refused === undefined && command.type === 'return' && from) {
              count(
                returnKind(
                  from.node,
                  [...run.instance.timeline].reverse().find((e) => e.action === 'returned')!.to!,
                ),
              );
            }
            // a replay of an applied key changes nothing
            if (refused === undefined) assert.equal(run.do(command).replayed, true);
          });
          assert.deepEqual(run.instance, twin.instance);
          count(run.instance.status);
        },
      ),
      { numRuns: RUNS, seed: 20261201 },
    );
    // the random walks reach every outcome, every command and every kind of return
    for (const what of [
      'approved',
      'rejected',
      'return',
      'return:withinBranch',
      'return:outOfSplit',
      'return:intoBranch',
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
    assert.equal(seen.get('return:acrossBranches'), undefined, 'no return into a sibling branch');
  });
});
