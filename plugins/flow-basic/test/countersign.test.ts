import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Static } from '@tessera/core';
import { type CountersignConfig, countersignNode } from '../src/index.ts';
import { validate } from './validate.ts';

type Config = Static<typeof CountersignConfig>;
const committee = [{ kind: 'role', role: 'committee' }] as const;

describe('countersign node', () => {
  it('is a step that creates tasks', () => {
    assert.equal(countersignNode.shape, 'step');
    assert.deepEqual(countersignNode.outgoing, { min: 1, max: 1 });
    assert.equal(countersignNode.createsTasks, true);
  });

  it('accepts each rule: all, any, a share', () => {
    for (const rule of [{ kind: 'all' }, { kind: 'any' }, { kind: 'share', percent: 67 }]) {
      assert.deepEqual(validate(countersignNode.config, { assignees: committee, rule }), []);
    }
  });

  it('refuses a share outside 1–100 or without a percent', () => {
    const check = (rule: unknown) =>
      validate(countersignNode.config, { assignees: committee, rule });
    assert.ok(
      check({ kind: 'share', percent: 0 }).some(
        (one) => one.path === '/rule/percent' && one.code === 'schema.minimum',
      ),
    );
    assert.ok(
      check({ kind: 'share', percent: 101 }).some(
        (one) => one.path === '/rule/percent' && one.code === 'schema.maximum',
      ),
    );
    assert.ok(check({ kind: 'share', percent: 50.5 }).some((one) => one.path === '/rule/percent'));
    assert.ok(
      check({ kind: 'share' }).some(
        (one) => one.path === '/rule' && one.code === 'schema.required',
      ),
    );
    assert.ok(
      check({ kind: 'most' }).some(
        (one) => one.path === '/rule/kind' && one.code === 'schema.enum',
      ),
    );
  });

  it('requires assignees and a rule', () => {
    const found = validate(countersignNode.config, { assignees: [] });
    assert.ok(found.some((one) => one.path === '/assignees' && one.code === 'schema.minItems'));
    assert.ok(found.some((one) => one.path === '' && one.code === 'schema.required'));
  });

  it("reports assignees and the deadline's supervisor and expression", () => {
    const config: Config = {
      assignees: [...committee, { kind: 'user', users: ['wang'] }],
      rule: { kind: 'all' },
      deadline: { afterExpr: 'duration("24h")', supervisor: { kind: 'initiator' } },
    };
    assert.deepEqual(
      countersignNode.assignees?.(config).map((one) => one.path),
      ['/config/assignees/0', '/config/assignees/1', '/config/deadline/supervisor'],
    );
    assert.deepEqual(countersignNode.expressions?.(config), [
      { path: '/config/deadline/afterExpr', source: 'duration("24h")', expect: 'duration' },
    ]);
  });
});
