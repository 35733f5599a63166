import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { returnChoices } from '@tessera/runtime/flow';
import { refusal } from './refusal.ts';
import { approval, chain, END, Run, START } from './world.ts';

const three = (returnTo?: string) =>
  new Run(
    [
      START,
      approval('a', { assignees: [{ kind: 'user', users: ['bob'] }] }),
      approval('b', { assignees: [{ kind: 'user', users: ['carol'] }] }),
      approval('c', {
        assignees: [{ kind: 'user', users: ['erin'] }],
        ...(returnTo ? { returnTo } : {}),
      }),
      END,
    ],
    chain('start', 'a', 'b', 'c', 'end'),
  );

const toC = (run: Run) => {
  run.submit();
  run.approve('bob');
  run.approve('carol');
  return run;
};

const back = (run: Run, user: string, to: string, resubmit?: 'flow' | 'straight') =>
  run.do({
    type: 'return',
    actor: user,
    task: run.taskOf(user),
    to,
    opinion: '请补充',
    ...(resubmit ? { resubmit } : {}),
  });

describe('engine: return (回退)', () => {
  it('to the previous node', () => {
    const run = toC(three());
    back(run, 'erin', 'previous');
    assert.deepEqual(run.open(), { b: ['carol'] });
    const entry = run.instance.timeline.find((one) => one.action === 'returned');
    assert.deepEqual([entry?.node, entry?.to, entry?.opinion], ['c', 'b', '请补充']);
    run.approve('carol');
    assert.deepEqual(run.open(), { c: ['erin'] }, 'walks the flow again from b');
  });

  it('to the drafter, who resubmits and the item walks the whole flow again', () => {
    const run = toC(three());
    back(run, 'erin', 'drafter');
    assert.deepEqual(run.open(), { start: ['alice'] });
    assert.equal(run.instance.status, 'running');
    run.submit();
    assert.equal(run.instance.timeline.filter((e) => e.action === 'resubmitted').length, 1);
    assert.deepEqual(run.open(), { a: ['bob'] });
  });

  it('to the drafter with the resubmission going straight back to the returning node', () => {
    const run = toC(three());
    back(run, 'erin', 'drafter', 'straight');
    run.submit();
    assert.deepEqual(run.open(), { c: ['erin'] });
    run.approve('erin');
    assert.equal(run.instance.status, 'approved');
  });

  it('to any earlier node, straight back after it passes', () => {
    const run = toC(three());
    back(run, 'erin', 'a', 'straight');
    assert.deepEqual(run.open(), { a: ['bob'] });
    run.approve('bob');
    assert.deepEqual(run.open(), { c: ['erin'] }, 'b is skipped');
  });

  it('after a return to a, the nodes after a are no longer valid targets until passed again', () => {
    const run = toC(three());
    back(run, 'erin', 'a');
    run.approve('bob');
    assert.equal(refusal(() => back(run, 'carol', 'b')).code, 'return.notAllowed');
    back(run, 'carol', 'a');
    assert.deepEqual(run.open(), { a: ['bob'] });
  });

  it('refuses a node not passed yet, the node itself, and returns a node does not allow', () => {
    const run = toC(three());
    assert.equal(refusal(() => back(run, 'erin', 'end')).field, '/to');
    assert.equal(refusal(() => back(run, 'erin', 'c')).code, 'return.notAllowed');
    const onlyDrafter = toC(three('drafter'));
    assert.equal(refusal(() => back(onlyDrafter, 'erin', 'a')).code, 'return.notAllowed');
    back(onlyDrafter, 'erin', 'drafter');
    assert.deepEqual(onlyDrafter.open(), { start: ['alice'] });
    const noReturn = new Run(
      [
        START,
        approval('a', { assignees: [{ kind: 'user', users: ['bob'] }], allowReturn: false }),
        END,
      ],
      chain('start', 'a', 'end'),
    );
    noReturn.submit();
    assert.equal(refusal(() => back(noReturn, 'bob', 'drafter')).code, 'return.notAllowed');
  });

  it('inside a parallel branch returns within the branch and leaves the other branch alone', () => {
    const run = new Run(
      [
        START,
        approval('pre', { assignees: [{ kind: 'user', users: ['bob'] }] }),
        { id: 'split', type: 'parallel-split' },
        approval('l1', { assignees: [{ kind: 'user', users: ['carol'] }] }),
        approval('l2', { assignees: [{ kind: 'user', users: ['dave'] }] }),
        approval('f1', { assignees: [{ kind: 'user', users: ['erin'] }] }),
        { id: 'join', type: 'parallel-join' },
        END,
      ],
      [
        ...chain('start', 'pre', 'split'),
        { id: 's1', from: 'split', to: 'l1' },
        { id: 's2', from: 'split', to: 'f1' },
        { id: 'l', from: 'l1', to: 'l2' },
        { id: 'j1', from: 'l2', to: 'join' },
        { id: 'j2', from: 'f1', to: 'join' },
        { id: 'z', from: 'join', to: 'end' },
      ],
    );
    run.submit();
    run.approve('bob');
    run.approve('carol');
    assert.deepEqual(run.open(), { l2: ['dave'], f1: ['erin'] });
    back(run, 'dave', 'l1');
    assert.deepEqual(run.open(), { l1: ['carol'], f1: ['erin'] }, 'finance branch untouched');
    assert.equal(
      refusal(() => back(run, 'erin', 'l1')).code,
      'return.notAllowed',
      'no return into another branch',
    );
    // a return to before the split unwinds both branches
    back(run, 'erin', 'pre');
    assert.deepEqual(run.open(), { pre: ['bob'] });
    assert.equal(run.instance.tokens.length, 1);
    run.approve('bob');
    for (const user of ['carol', 'dave', 'erin']) run.approve(user);
    assert.equal(run.instance.status, 'approved');
  });
});

const person = (id: string, user: string) =>
  approval(id, { assignees: [{ kind: 'user', users: [user] }] });

/**
 * pre (bob) → split → A: a1 (carol) → a2 (dave); B: b1 (erin), or b1 → b2 (frank) when
 * `longB` → join → post (ceo) → end.
 */
const split = (longB = false) =>
  new Run(
    [
      START,
      person('pre', 'bob'),
      { id: 'split', type: 'parallel-split' },
      person('a1', 'carol'),
      person('a2', 'dave'),
      person('b1', 'erin'),
      ...(longB ? [person('b2', 'frank')] : []),
      { id: 'join', type: 'parallel-join' },
      person('post', 'ceo'),
      END,
    ],
    [
      ...chain('start', 'pre', 'split'),
      { id: 'sA', from: 'split', to: 'a1' },
      { id: 'sB', from: 'split', to: 'b1' },
      ...chain('a1', 'a2', 'join'),
      ...(longB ? chain('b1', 'b2', 'join') : chain('b1', 'join')),
      ...chain('join', 'post', 'end'),
    ],
  );

const tasksOf = (run: Run, user: string) =>
  run.instance.tasks.filter((task) => task.assignee === user && task.kind === 'approve');
const atJoin = (run: Run) => run.instance.tokens.filter((token) => token.wait?.kind === 'join');
const approveAll = (run: Run, ...users: string[]) => {
  for (const user of users) run.approve(user);
};

describe('engine: returns in parallel branches (0026)', () => {
  it("B's only step returning to previous goes to the split's predecessor, not into A, and the item ends", () => {
    const run = split();
    run.submit();
    approveAll(run, 'bob', 'carol');
    assert.deepEqual(run.open(), { a2: ['dave'], b1: ['erin'] });
    back(run, 'erin', 'previous');
    assert.deepEqual(run.open(), { pre: ['bob'] }, 'a return out of the split');
    assert.equal(run.instance.tokens.length, 1, "A's token went with the split");
    assert.equal(tasksOf(run, 'dave')[0]?.status, 'cancelled');
    approveAll(run, 'bob', 'carol', 'dave', 'erin');
    assert.deepEqual(run.open(), { post: ['ceo'] }, 'the split ran again and joined');
    run.approve('ceo');
    assert.equal(run.instance.status, 'approved');
  });

  it('a later step of B returning to previous stays in B and leaves A running', () => {
    const run = split(true);
    run.submit();
    approveAll(run, 'bob', 'erin', 'carol');
    assert.deepEqual(run.open(), { a2: ['dave'], b2: ['frank'] });
    back(run, 'frank', 'previous');
    assert.deepEqual(run.open(), { a2: ['dave'], b1: ['erin'] });
    assert.equal(run.instance.timeline.at(-2)?.to, 'b1');
    approveAll(run, 'erin', 'dave', 'frank', 'ceo');
    assert.equal(run.instance.status, 'approved');
    assert.equal(tasksOf(run, 'carol').length, 1, 'A was not redone');
  });

  it('refuses a return to a step of the sibling branch, naming /to, and changes nothing', () => {
    const run = split(true);
    run.submit();
    approveAll(run, 'bob', 'erin', 'carol');
    const before = structuredClone(run.instance);
    for (const [user, to] of [
      ['frank', 'a1'],
      ['dave', 'b1'],
    ] as const) {
      const refused = refusal(() => back(run, user, to));
      assert.deepEqual([refused.code, refused.field], ['return.notAllowed', '/to']);
    }
    assert.deepEqual(run.instance, before);
    approveAll(run, 'dave', 'frank', 'ceo');
    assert.equal(run.instance.status, 'approved');
  });

  it('offers each branch only the steps on its own way as return choices', () => {
    const run = split(true);
    run.submit();
    approveAll(run, 'bob', 'erin', 'carol');
    const choices = (user: string) =>
      returnChoices(
        run.instance,
        run.instance.tasks.find((t) => t.assignee === user && t.status === 'open')!.token,
      );
    assert.deepEqual(choices('frank'), ['start', 'pre', 'b1']);
    assert.deepEqual(choices('dave'), ['start', 'pre', 'a1']);
    approveAll(run, 'dave', 'frank');
    assert.deepEqual(
      choices('ceo'),
      ['start', 'pre', 'b1', 'a1', 'a2', 'b2'],
      'after the join: all',
    );
  });

  it('a return from after the join into A reopens A only; B counts as arrived', () => {
    const run = split();
    run.submit();
    approveAll(run, 'bob', 'carol', 'dave', 'erin');
    back(run, 'ceo', 'a1');
    assert.deepEqual(run.open(), { a1: ['carol'] });
    assert.deepEqual(
      atJoin(run).map((token) => token.via),
      ['b1_join'],
      "B's token waits at the join again",
    );
    approveAll(run, 'carol', 'dave');
    assert.deepEqual(run.open(), { post: ['ceo'] }, 'the join lets the flow on once');
    run.approve('ceo');
    assert.equal(run.instance.status, 'approved');
    assert.equal(tasksOf(run, 'erin').length, 1, 'B was not redone');
    assert.equal(tasksOf(run, 'ceo').length, 2);
  });

  it('after the join, previous is the step passed last, and reopens its branch', () => {
    const run = split();
    run.submit();
    approveAll(run, 'bob', 'erin', 'carol', 'dave');
    back(run, 'ceo', 'previous');
    assert.deepEqual(run.open(), { a2: ['dave'] });
    approveAll(run, 'dave', 'ceo');
    assert.equal(run.instance.status, 'approved');
  });

  it('a return out of the split cancels the other branch, even one waiting at the join', () => {
    const run = split();
    run.submit();
    approveAll(run, 'bob', 'erin', 'carol');
    assert.equal(atJoin(run).length, 1);
    back(run, 'dave', 'drafter');
    assert.deepEqual(run.open(), { start: ['alice'] });
    assert.deepEqual(
      run.instance.tokens.map((token) => token.node),
      ['start'],
    );
    run.submit();
    approveAll(run, 'bob', 'carol', 'dave', 'erin');
    assert.deepEqual(run.open(), { post: ['ceo'] }, 'the flow split again and joined once');
    run.approve('ceo');
    assert.equal(run.instance.status, 'approved');
  });

  it('refuses a straight resubmission across a split, naming /resubmit', () => {
    const run = split();
    run.submit();
    approveAll(run, 'bob', 'carol');
    const refused = refusal(() => back(run, 'dave', 'pre', 'straight'));
    assert.deepEqual([refused.code, refused.field], ['return.notAllowed', '/resubmit']);
    back(run, 'dave', 'a1', 'straight');
    run.approve('carol');
    assert.deepEqual(run.open(), { a2: ['dave'], b1: ['erin'] }, 'straight back within A');
  });

  it('a return from after the outer join into a nested branch reopens only that branch', () => {
    const run = new Run(
      [
        START,
        { id: 'split', type: 'parallel-split' },
        person('a1', 'carol'),
        { id: 'inner', type: 'parallel-split' },
        person('x1', 'dave'),
        person('y1', 'gina'),
        { id: 'innerJoin', type: 'parallel-join' },
        person('a2', 'frank'),
        person('b1', 'erin'),
        { id: 'join', type: 'parallel-join' },
        person('post', 'ceo'),
        END,
      ],
      [
        { id: 'sA', from: 'split', to: 'a1' },
        { id: 'sB', from: 'split', to: 'b1' },
        { id: 'iX', from: 'inner', to: 'x1' },
        { id: 'iY', from: 'inner', to: 'y1' },
        ...chain('start', 'split'),
        ...chain('a1', 'inner'),
        ...chain('x1', 'innerJoin'),
        ...chain('y1', 'innerJoin', 'a2', 'join'),
        ...chain('b1', 'join', 'post', 'end'),
      ],
    );
    run.submit();
    approveAll(run, 'carol', 'dave', 'gina', 'frank', 'erin');
    back(run, 'ceo', 'x1');
    assert.deepEqual(run.open(), { x1: ['dave'] });
    assert.deepEqual(
      atJoin(run)
        .map((token) => token.node)
        .sort(),
      ['innerJoin', 'join'],
    );
    approveAll(run, 'dave', 'frank');
    assert.deepEqual(run.open(), { post: ['ceo'] });
    run.approve('ceo');
    assert.equal(run.instance.status, 'approved');
    for (const user of ['carol', 'gina', 'erin']) assert.equal(tasksOf(run, user).length, 1);
  });
});
