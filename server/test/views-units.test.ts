import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppDefinition, TableDefinition, ViewDefinition } from '@tessera/core';
import type { RecordDocument } from '../src/records/record-document.ts';
import { aggregateValue } from '../src/views/aggregate-values.ts';
import { csvText } from '../src/views/csv-text.ts';
import { exportCell } from '../src/views/export-cell.ts';
import { prepareView } from '../src/views/prepare-view.ts';
import { scanRecords } from '../src/views/scan-records.ts';
import { viewField } from '../src/views/view-field.ts';
import { testPlatform } from './helpers.ts';

const table: TableDefinition = {
  id: 'order',
  label: 'Order',
  kind: 'master',
  fields: [
    { id: 'title', type: 'text', label: 'Title' },
    { id: 'total', type: 'money', label: { en: 'Total', 'zh-CN': '总额' }, config: { scale: 2 } },
    {
      id: 'items',
      type: 'sub-table',
      label: { en: 'Items', 'zh-CN': '明细' },
      config: {
        fields: [
          { id: 'product', type: 'text', label: { en: 'Product', 'zh-CN': '产品' } },
          { id: 'price', type: 'money', label: 'Price', config: { scale: 2 } },
        ],
      },
    },
  ],
};
const app = { schemaVersion: 1, id: 'shop', label: 'Shop', tables: [table] } as AppDefinition;
const view: ViewDefinition = {
  id: 'orders',
  label: 'Orders',
  table: 'order',
  type: 'list',
  columns: [{ field: 'title' }, { field: 'items.product' }],
};
const scope = { platform: testPlatform, app, table, locale: 'en' as const, variables: {} };

let serial = 0;
const doc = (values: Record<string, unknown>): RecordDocument => {
  serial += 1;
  return {
    _id: `record:${serial}`,
    _rev: '1-a',
    type: 'record',
    schemaVersion: 1,
    app: 'shop',
    table: 'order',
    appVersion: 1,
    values,
    createdAt: new Date(serial * 1000).toISOString(),
    createdBy: 'user:a',
    updatedAt: new Date(serial * 1000).toISOString(),
    updatedBy: 'user:a',
  };
};

const first = doc({ title: 'one', total: '0.10', items: [{ product: 'pen', price: '0.10' }] });
const second = doc({
  title: 'two',
  total: '0.20',
  items: [
    { product: 'ink', price: '0.05' },
    { product: 'paper', price: '0.15' },
  ],
});
const third = doc({ title: 'three' });

describe('view query parts', () => {
  it('filters on a sub-table column when any row matches, and searches it', () => {
    const keep = (filter: unknown[], q?: string) =>
      [first, second, third]
        .filter(prepareView(scope, view, { filters: filter, ...(q ? { q } : {}) }).keep)
        .map((one) => one.values.title);
    assert.deepEqual(keep([{ field: 'items.product', op: 'eq', value: 'paper' }]), ['two']);
    assert.deepEqual(keep([{ field: 'items.price', op: 'gte', value: '0.1' }]), ['one', 'two']);
    assert.deepEqual(keep([{ field: 'items.product', op: 'empty' }]), ['three']);
    assert.deepEqual(keep([], 'INK'), ['two']);
  });

  it('refuses a stored valueExpr that is too costly to run, saying why (400, not 500)', () => {
    const list = `[${Array(100).fill(1).join(',')}]`;
    const valueExpr = `string(${list}.map(a, ${list}.map(b, ${list}.map(c, a + b + c))).size())`;
    const costly: ViewDefinition = { ...view, filters: [{ field: 'title', op: 'eq', valueExpr }] };
    assert.throws(
      () => prepareView(scope, costly, {}),
      (error: unknown) => {
        const { status, field, message } = error as {
          status: number;
          field: string;
          message: string;
        };
        assert.equal(status, 400);
        assert.equal(field, '/view/filters/0/valueExpr');
        assert.match(message, /could not be evaluated: 3 nested comprehensions/);
        return true;
      },
    );
  });

  it('sums money exactly, over sub-table rows too', () => {
    const total = viewField(testPlatform, app, table, 'total');
    const price = viewField(testPlatform, app, table, 'items.price');
    const docs = [first, second, third];
    const sum = (target: typeof total) =>
      aggregateValue(
        { aggregate: { id: 's', fn: 'sum', field: 'x' }, ...(target ? { target } : {}) },
        docs,
      );
    assert.equal(sum(total), '0.30');
    assert.equal(sum(price), '0.30');
    assert.equal(
      aggregateValue(
        { aggregate: { id: 'a', fn: 'avg', field: 'total' }, ...(total ? { target: total } : {}) },
        docs,
      ),
      '0.15',
    );
  });

  it('never writes formula-like text as a formula', () => {
    const title = viewField(testPlatform, app, table, 'title')!;
    const total = viewField(testPlatform, app, table, 'total')!;
    const cells = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'plain'].map((text) =>
      exportCell(title, text, undefined, 'en'),
    );
    const csv = csvText(
      ['Title'],
      [...cells.map((cell) => [cell]), [exportCell(total, '-5.00', undefined, 'en')]],
    );
    assert.ok(csv.startsWith('\uFEFFTitle\r\n'));
    const lines = csv.slice(1).split('\r\n').slice(1);
    assert.deepEqual(lines, [
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      'plain',
      '-5.00',
    ]);
    // money a double cannot hold exactly stays exact text
    assert.deepEqual(exportCell(total, '123456789012345.67', undefined, 'en'), {
      kind: 'text',
      value: '123456789012345.67',
    });
  });

  it('refuses to read more than the cap, asking for a filter', async () => {
    const many = Array.from({ length: 30 }, () => doc({ title: 'x' }));
    const storage = {
      find: async () => ({ docs: many }),
    } as unknown as Parameters<typeof scanRecords>[0];
    await assert.rejects(
      scanRecords(storage, { index: 'i', selector: {} }, [], () => true, 10),
      (error: { code?: string; field?: string }) =>
        error.code === 'view_too_large' && error.field === '?filter',
    );
  });
});
