import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Static } from '@tessera/core';
import { type ApprovalConfig, approvalNode } from '../src/index.ts';
import { validate } from './validate.ts';

type Config = Static<typeof ApprovalConfig>;

describe('approval node', () => {
  it('is a step with one way out that creates tasks', () => {
    assert.equal(approvalNode.shape, 'step');
    assert.deepEqual(approvalNode.incoming, { min: 1, max: Number.POSITIVE_INFINITY });
    assert.deepEqual(approvalNode.outgoing, { min: 1, max: 1 });
    assert.equal(approvalNode.createsTasks, true);
  });

  it('accepts a full config', () => {
    const config: Config = {
      assignees: [{ kind: 'role', role: 'cfo' }],
      mode: 'single',
      allowReturn: true,
      returnTo: 'drafter',
      deadline: { after: 'P2D', supervisor: { kind: 'manager', levels: 1 } },
      opinionRequired: true,
    };
    assert.deepEqual(validate(approvalNode.config, config), []);
  });

  it('requires at least one assignee', () => {
    assert.deepEqual(
      validate(approvalNode.config, {}).map((one) => [one.path, one.code]),
      [['', 'schema.required']],
    );
    assert.deepEqual(
      validate(approvalNode.config, { assignees: [] }).map((one) => [one.path, one.code]),
      [['/assignees', 'schema.minItems']],
    );
  });

  it('refuses a bad assignee rule, return target or deadline at its path', () => {
    const bad = (config: unknown) => validate(approvalNode.config, config);
    assert.ok(
      bad({ assignees: [{ kind: 'boss' }] }).some((one) => one.path === '/assignees/0/kind'),
    );
    const returnTo = bad({ assignees: [{ kind: 'initiator' }], returnTo: 'start' });
    assert.deepEqual(
      returnTo.map((one) => [one.path, one.code]),
      [['/returnTo', 'schema.enum']],
    );
    const deadline = bad({ assignees: [{ kind: 'initiator' }], deadline: { after: '2 days' } });
    assert.deepEqual(
      deadline.map((one) => [one.path, one.code]),
      [['/deadline/after', 'schema.pattern']],
    );
  });

  it("reports its assignees and the deadline's supervisor, with paths", () => {
    const config: Config = {
      assignees: [{ kind: 'departmentHead' }, { kind: 'field', field: 'reviewer' }],
      deadline: { after: 'PT4H', supervisor: { kind: 'role', role: 'director' } },
    };
    assert.deepEqual(approvalNode.assignees?.(config), [
      { path: '/config/assignees/0', rule: { kind: 'departmentHead' } },
      { path: '/config/assignees/1', rule: { kind: 'field', field: 'reviewer' } },
      { path: '/config/deadline/supervisor', rule: { kind: 'role', role: 'director' } },
    ]);
  });

  it('reports a computed deadline as a duration expression', () => {
    const afterExpr = 'priority == "P1" ? duration("4h") : duration("48h")';
    const config: Config = { assignees: [{ kind: 'initiator' }], deadline: { afterExpr } };
    assert.deepEqual(approvalNode.expressions?.(config), [
      { path: '/config/deadline/afterExpr', source: afterExpr, expect: 'duration' },
    ]);
    assert.deepEqual(approvalNode.expressions?.({ assignees: [{ kind: 'initiator' }] }), []);
  });
});
