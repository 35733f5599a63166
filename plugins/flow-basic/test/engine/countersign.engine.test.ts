import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

  it('records each vote with its opinion on the timeline', () => {
    const run = countersign({ kind: 'all' });
    run.submit();
    run.approve('erin', { opinion: '财务同意' });
    const vote = run.instance.timeline.find((entry) => entry.action === 'approved');
    assert.deepEqual([vote?.actor, vote?.node, vote?.opinion], ['erin', 'board', '财务同意']);
  });
});
