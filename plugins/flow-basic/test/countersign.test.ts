import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Static } from '@tessera/core';
import {
  approvalsNeeded,
  type CountersignConfig,
  type CountersignRuleValue,
  countersignNode,
  describeCountersignRule,
} from '../src/index.ts';
import { contextOf, nodeOf } from './fixture.ts';
import { validate } from './validate.ts';

type Config = Static<typeof CountersignConfig>;
const committee = [{ kind: 'role', role: 'committee' }] as const;

describe('countersign node', () => {
  it('is a step that creates tasks', () => {
    assert.equal(countersignNode.shape, 'step');
    assert.deepEqual(countersignNode.outgoing, { min: 1, max: 1 });
    assert.equal(countersignNode.createsTasks, true);
  });

  it('accepts each rule: all, any, at least N, a share', () => {
    const rules = [
      { kind: 'all' },
      { kind: 'any' },
      { kind: 'count', atLeast: 2 },
      { kind: 'share', percent: 67 },
    ];
    for (const rule of rules) {
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

  it('refuses a count below one or not whole', () => {
    const check = (rule: unknown) =>
      validate(countersignNode.config, { assignees: committee, rule });
    assert.ok(
      check({ kind: 'count', atLeast: 0 }).some(
        (one) => one.path === '/rule/atLeast' && one.code === 'schema.minimum',
      ),
    );
    assert.ok(check({ kind: 'count', atLeast: 1.5 }).some((one) => one.path === '/rule/atLeast'));
    assert.ok(check({ kind: 'count' }).some((one) => one.code === 'schema.required'));
  });

  it('refuses a count above the people a fixed user list names, and only then', () => {
    const check = (config: Config) =>
      countersignNode.check?.(nodeOf('countersign', config), contextOf()) ?? [];
    const three = [
      { kind: 'user' as const, users: ['wang', 'li'] },
      { kind: 'user' as const, users: ['zhao', 'li'] },
    ];
    const over = check({ assignees: three, rule: { kind: 'count', atLeast: 4 } });
    assert.deepEqual(
      over.map((one) => [one.path, one.code]),
      [['/config/rule/atLeast', 'countersign.count-above-assignees']],
    );
    assert.match(over[0]!.message.en, /at least 4 .*only 3/);
    assert.match(over[0]!.message['zh-CN'], /至少 4 .*3/);
    assert.deepEqual(check({ assignees: three, rule: { kind: 'count', atLeast: 3 } }), []);
    assert.deepEqual(
      check({ assignees: [...committee], rule: { kind: 'count', atLeast: 9 } }),
      [],
      'a role resolves only at run time',
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

describe('countersign rule: at least N of M', () => {
  const share = (percent: number): CountersignRuleValue => ({ kind: 'share', percent });

  it('a share needs the smallest N with N/M at least the percent: 67% of 3 is 3, 66% is 2', () => {
    assert.equal(approvalsNeeded(share(67), 3), 3);
    assert.equal(approvalsNeeded(share(66), 3), 2);
    assert.equal(approvalsNeeded(share(50), 4), 2);
    assert.equal(approvalsNeeded(share(75), 4), 3);
    assert.equal(approvalsNeeded(share(1), 1), 1);
    assert.equal(approvalsNeeded(share(100), 7), 7);
  });

  it('counts in whole numbers, never a float off by a hair', () => {
    for (let voters = 1; voters <= 60; voters += 1) {
      for (let percent = 1; percent <= 100; percent += 1) {
        let smallest = 0;
        while (smallest * 100 < percent * voters) smallest += 1;
        assert.equal(approvalsNeeded(share(percent), voters), smallest, `${percent}% of ${voters}`);
      }
    }
  });

  it('all needs everyone, any needs one, a count its number', () => {
    assert.equal(approvalsNeeded({ kind: 'all' }, 4), 4);
    assert.equal(approvalsNeeded({ kind: 'any' }, 4), 1);
    assert.equal(approvalsNeeded({ kind: 'count', atLeast: 2 }, 3), 2);
  });

  it('describes the rule as "at least N of M", resolved for the people there are', () => {
    assert.deepEqual(describeCountersignRule(share(67), 3), {
      en: 'at least 3 of 3 approve',
      'zh-CN': '至少 3 / 3 人同意',
    });
    assert.deepEqual(describeCountersignRule({ kind: 'count', atLeast: 2 }, 3), {
      en: 'at least 2 of 3 approve',
      'zh-CN': '至少 2 / 3 人同意',
    });
    assert.deepEqual(describeCountersignRule({ kind: 'count', atLeast: 2 }), {
      en: 'at least 2 approve',
      'zh-CN': '至少 2 人同意',
    });
    assert.deepEqual(describeCountersignRule(share(67)), {
      en: 'at least 67% approve',
      'zh-CN': '至少 67% 的人同意',
    });
  });
});
