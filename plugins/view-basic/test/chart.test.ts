import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TableDefinition, ViewDefinition } from '@tessera/core';
import { type ChartConfigValue, chartView } from '../src/index.ts';
import { validate } from './validate.ts';

const expenses: TableDefinition = {
  id: 'expense',
  kind: 'flow',
  label: { 'zh-CN': '费用申请', en: 'Expense request' },
  fields: ['budgetLine', 'amount', 'items'].map((id) => ({ id, type: 'text', label: id })),
};

/** Budget use per line: count and sum of amounts, grouped by budget line. */
const config: ChartConfigValue = {
  kind: 'bar',
  x: 'budgetLine',
  series: [{ aggregate: 'requests' }, { aggregate: 'spent' }],
  stacked: true,
};

function viewOf(chart: ChartConfigValue): ViewDefinition & { readonly config: ChartConfigValue } {
  return {
    id: 'budgetUse',
    label: 'Budget use',
    table: 'expense',
    type: 'chart',
    groupBy: ['budgetLine'],
    // core's AggregateSchema builds `fn` with .map(Type.Literal), so its static type is never
    aggregates: [
      { id: 'requests', fn: 'count' as never },
      { id: 'spent', fn: 'sum' as never, field: 'amount' },
    ],
    config: chart,
  };
}

const check = (chart: ChartConfigValue) => chartView.check?.(viewOf(chart), expenses) ?? [];

describe('chart view', () => {
  it('aggregates', () => {
    assert.equal(chartView.aggregates, true);
  });

  it('accepts each kind', () => {
    for (const kind of ['bar', 'line', 'pie', 'column', 'area']) {
      assert.deepEqual(validate(chartView.config, { ...config, kind }), []);
    }
  });

  it('refuses an unknown kind, a bad x and no series', () => {
    const found = (value: unknown) =>
      validate(chartView.config, value).map((one) => [one.path, one.code]);
    assert.deepEqual(found({ ...config, kind: 'donut' }), [['/kind', 'schema.enum']]);
    assert.deepEqual(found({ ...config, x: 'budget line' }), [['/x', 'schema.pattern']]);
    assert.deepEqual(found({ ...config, series: [] }), [['/series', 'schema.minItems']]);
    assert.deepEqual(found({ ...config, series: [{ field: 'amount' }] }), [
      ['/series/0', 'schema.required'],
      ['/series/0', 'schema.additionalProperties'],
    ]);
    const { x: _, ...noX } = config;
    assert.deepEqual(found(noX), [['', 'schema.required']]);
  });

  it("finds nothing wrong with a field of the table and the view's aggregates", () => {
    assert.deepEqual(check(config), []);
    assert.deepEqual(check({ ...config, x: 'items.product' }), []);
  });

  it('names an x that is not a field of the table', () => {
    const found = check({ ...config, x: 'department' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/x', 'chart.unknown-field']],
    );
    assert.match(found[0]!.message.en, /"department".*"expense"/);
    assert.match(found[0]!.message['zh-CN'], /"department"/);
  });

  it('names each series whose aggregate the view does not define', () => {
    const found = check({ ...config, series: [{ aggregate: 'spent' }, { aggregate: 'average' }] });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/series/1/aggregate', 'chart.unknown-aggregate']],
    );
    assert.match(found[0]!.message.en, /"average"/);
  });
});
