import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
