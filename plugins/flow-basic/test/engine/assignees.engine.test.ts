import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssigneeRule } from '@tessera/core';
import { refusal } from './refusal.ts';
import { approval, chain, END, Run, START } from './world.ts';

const holders = (
  rules: AssigneeRule[],
  values: Record<string, unknown> = {},
  initiator = 'alice',
) => {
  const run = new Run(
    [START, approval('a', { assignees: rules }), END],
    chain('start', 'a', 'end'),
    values,
    initiator,
  );
  run.submit();
  return run.open().a;
};

describe('engine: assignees resolved from the organisation', () => {
  it('a user, a role, the initiator', () => {
    assert.deepEqual(holders([{ kind: 'user', users: ['erin'] }]), ['erin']);
    assert.deepEqual(holders([{ kind: 'role', role: 'legal' }]), ['carol', 'dave']);
    assert.deepEqual(holders([{ kind: 'initiator' }]), ['alice']);
  });

  it("the initiator's department head, and N levels up", () => {
    assert.deepEqual(holders([{ kind: 'departmentHead' }]), ['bob']);
    assert.deepEqual(holders([{ kind: 'departmentHead', levelsUp: 1 }]), ['ceo']);
  });

  it('the manager chain', () => {
    assert.deepEqual(holders([{ kind: 'manager', levels: 1 }]), ['bob']);
    assert.deepEqual(holders([{ kind: 'manager', levels: 2 }]), ['ceo']);
  });

  it('a user field of the form, and the head of the department of a user in a field', () => {
    assert.deepEqual(holders([{ kind: 'field', field: 'reviewer' }], { reviewer: 'frank' }), [
      'frank',
    ]);
    assert.deepEqual(holders([{ kind: 'departmentHead', of: 'reviewer' }], { reviewer: 'dave' }), [
      'carol',
    ]);
  });

  it('members of a department; several rules merged without repeats, inactive users left out', () => {
    assert.deepEqual(holders([{ kind: 'department', department: 'sales' }]), ['alice', 'bob']);
    assert.deepEqual(
      holders([
        { kind: 'user', users: ['bob', 'gone'] },
        { kind: 'departmentHead' },
        { kind: 'role', role: 'director' },
      ]),
      ['bob'],
    );
  });

  it('nobody is an error naming the node and the rule path, not a silent skip', () => {
    const run = new Run(
      [START, approval('legalCheck', { assignees: [{ kind: 'role', role: 'nobody' }] }), END],
      chain('start', 'legalCheck', 'end'),
    );
    assert.deepEqual(
      refusal(() => run.submit()),
      {
        code: 'assignee.unresolved',
        field: '/nodes/legalCheck/config/assignees',
        status: 422,
      },
    );
    assert.equal(run.instance.status, 'draft');
    const emptyField = new Run(
      [START, approval('a', { assignees: [{ kind: 'field', field: 'reviewer' }] }), END],
      chain('start', 'a', 'end'),
    );
    assert.equal(refusal(() => emptyField.submit()).code, 'assignee.unresolved');
    const noHead = new Run(
      [START, approval('a', { assignees: [{ kind: 'departmentHead' }] }), END],
      chain('start', 'a', 'end'),
      {},
      'erin',
    );
    assert.equal(refusal(() => noHead.submit()).code, 'assignee.unresolved', 'finance has no head');
  });
});
