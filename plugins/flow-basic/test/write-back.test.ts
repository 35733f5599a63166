import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type WriteBackConfigValue, writeBackNode } from '../src/index.ts';
import { contextOf, nodeOf } from './fixture.ts';
import { validate } from './validate.ts';

/** The marketing pack's expense request: deduct the amount from its budget line, within budget. */
const deduct: WriteBackConfigValue = {
  target: 'budget',
  mode: 'increment',
  recordId: 'budgetLine',
  mapping: { used: 'amount', remaining: '-amount' },
  guard: {
    rule: 'target.remaining >= amount',
    message: { 'zh-CN': '超出剩余预算', en: 'Over the remaining budget' },
  },
};

const check = (config: WriteBackConfigValue) =>
  writeBackNode.check?.(nodeOf('write-back', config), contextOf()) ?? [];

describe('write-back node', () => {
  it('is a step with one way out that creates no tasks', () => {
    assert.equal(writeBackNode.shape, 'step');
    assert.deepEqual(writeBackNode.outgoing, { min: 1, max: 1 });
    assert.ok(!writeBackNode.createsTasks);
  });

  it('accepts a guarded increment', () => {
    assert.deepEqual(validate(writeBackNode.config, deduct), []);
  });

  it('refuses an unknown mode, an empty mapping and a bad target field id', () => {
    const mode = validate(writeBackNode.config, { ...deduct, mode: 'upsert' });
    assert.deepEqual(
      mode.map((one) => [one.path, one.code]),
      [['/mode', 'schema.enum']],
    );
    const empty = validate(writeBackNode.config, { ...deduct, mapping: {} });
    assert.deepEqual(
      empty.map((one) => [one.path, one.code]),
      [['/mapping', 'schema.minProperties']],
    );
    const key = validate(writeBackNode.config, {
      ...deduct,
      mapping: { 'used amount': 'amount' },
    });
    assert.deepEqual(
      key.map((one) => [one.path, one.code]),
      [['/mapping', 'schema.additionalProperties']],
    );
  });

  it('refuses a guard without its message', () => {
    const found = validate(writeBackNode.config, { ...deduct, guard: { rule: 'true' } });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/guard', 'schema.required']],
    );
  });

  it('reports recordId, each mapping and the guard, typed against the target table', () => {
    const variables = [{ name: 'created', type: 'map<string, dyn>' }];
    assert.deepEqual(writeBackNode.expressions?.(deduct), [
      { path: '/config/recordId', source: 'budgetLine', variables },
      {
        path: '/config/mapping/used',
        source: 'amount',
        fills: { table: 'budget', field: 'used' },
        targetTable: 'budget',
        variables,
      },
      {
        path: '/config/mapping/remaining',
        source: '-amount',
        fills: { table: 'budget', field: 'remaining' },
        targetTable: 'budget',
        variables,
      },
      {
        path: '/config/guard/rule',
        source: 'target.remaining >= amount',
        expect: 'bool',
        targetTable: 'budget',
        variables,
      },
    ]);
  });

  it('gives a forEach mapping `row` (typed by the sub-table named) and `index`', () => {
    const each: WriteBackConfigValue = {
      target: 'budget',
      mode: 'create',
      forEach: 'lines',
      mapping: { name: 'row.item + string(index)' },
    };
    const found = writeBackNode.expressions?.(each) ?? [];
    assert.deepEqual(found[0], {
      path: '/config/forEach',
      source: 'lines',
      expect: 'list',
      variables: [{ name: 'created', type: 'map<string, dyn>' }],
    });
    assert.deepEqual(found[1]?.variables, [
      { name: 'created', type: 'map<string, dyn>' },
      { name: 'row', type: 'map', rowOf: 'lines' },
      { name: 'index', type: 'int' },
    ]);
    const computed = writeBackNode.expressions?.({ ...each, forEach: 'lines.filter(l, true)' });
    assert.deepEqual(computed?.[1]?.variables?.[1], { name: 'row', type: 'dyn' });
  });

  it('refuses forEach on an update or increment, at /config/forEach', () => {
    assert.deepEqual(
      check({ target: 'budget', mode: 'create', forEach: 'x', mapping: { name: 'x' } }),
      [],
    );
    const found = check({ ...deduct, forEach: 'lines' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/forEach', 'write-back.for-each-create-only']],
    );
    assert.match(found[0]!.message.en, /"increment"/);
  });

  it('finds nothing wrong with a write-back into an existing table', () => {
    assert.deepEqual(check(deduct), []);
    assert.deepEqual(check({ target: 'budget', mode: 'create', mapping: { name: 'title' } }), []);
  });

  it('names an unknown target table', () => {
    const found = check({ ...deduct, target: 'ledger' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/target', 'write-back.unknown-table']],
    );
    assert.match(found[0]!.message.en, /"ledger"/);
    assert.match(found[0]!.message['zh-CN'], /"ledger"/);
  });

  it('names mapping keys that are not fields of the target table', () => {
    const found = check({ ...deduct, mapping: { used: 'amount', balance: '-amount' } });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/mapping/balance', 'write-back.unknown-field']],
    );
    assert.match(found[0]!.message.en, /"balance".*"budget"/);
  });

  it('needs recordId to update or increment, not to create', () => {
    for (const mode of ['update', 'increment'] as const) {
      const { recordId: _, ...rest } = { ...deduct, mode };
      assert.deepEqual(
        check(rest).map((one) => [one.path, one.code]),
        [['/config/recordId', 'write-back.record-id-required']],
      );
    }
    const { recordId: _, guard: __, ...create } = { ...deduct, mode: 'create' as const };
    assert.deepEqual(check(create), []);
  });
});
