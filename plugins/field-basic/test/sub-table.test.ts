import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal, type FieldDefinition } from '@tessera/core';
import { subTableField, subTableTotals } from '../src/index.ts';
import { codes, field, fieldCtx, table, valueCtx } from './helpers.ts';

const columns: FieldDefinition[] = [
  { id: 'item', type: 'text', label: 'Item', required: true },
  { id: 'qty', type: 'number', label: 'Qty' },
  { id: 'price', type: 'money', label: 'Price', config: { scale: 2 } },
  { id: 'rate', type: 'percent', label: 'Tax rate' },
  { id: 'due', type: 'date', label: 'Due' },
];
type Totals = { field: string; fn: 'sum' | 'count' | 'avg' | 'min' | 'max' }[];
const lines = (
  extra: { totals?: Totals; minRows?: number; maxRows?: number; fields?: FieldDefinition[] } = {},
) => field('sub-table', { fields: columns, ...extra }, { id: 'lines' });
const ctx = valueCtx();
const defCtx = fieldCtx(table('orders', [{ id: 'lines', type: 'sub-table', label: 'Lines' }]));

describe('sub-table', () => {
  it('validates each cell with its column type, at /<row>/<column>', () => {
    const rows = [
      { item: 'Pen', qty: 2, price: '1.50', due: '2024-02-29' },
      { item: 'Ink', qty: 1.5, price: '0.999', due: '2023-02-29' },
    ];
    assert.deepEqual(codes(subTableField.validate(rows, lines(), ctx)), [
      '/1/qty number.scale',
      '/1/price money.scale',
      '/1/due date.calendar',
    ]);
  });

  it('reports required cells, unknown columns and rows that are not objects', () => {
    const rows = [{ qty: 1 }, { item: '', colour: 'red' }, 'row', null];
    assert.deepEqual(codes(subTableField.validate(rows, lines(), ctx)), [
      '/0/item sub-table.required',
      '/1/colour sub-table.unknown-column',
      '/1/item sub-table.required',
      '/2 sub-table.row',
      '/3 sub-table.row',
    ]);
    assert.deepEqual(codes(subTableField.validate({}, lines(), ctx)), [' sub-table.type']);
  });

  it('enforces minRows and maxRows (default 1000)', () => {
    assert.deepEqual(codes(subTableField.validate([], lines({ minRows: 1 }), ctx)), [
      ' sub-table.min-rows',
    ]);
    const many = Array.from({ length: 3 }, () => ({ item: 'x' }));
    assert.deepEqual(codes(subTableField.validate(many, lines({ maxRows: 2 }), ctx)), [
      ' sub-table.max-rows',
    ]);
    const tooMany = Array.from({ length: 1001 }, () => ({ item: 'x' }));
    assert.deepEqual(codes(subTableField.validate(tooMany, lines(), ctx)), [' sub-table.max-rows']);
  });

  it('totals exactly: money sums with decimals, numbers as numbers, empties skipped', () => {
    const rows = [
      { item: 'a', qty: 1, price: '0.10', rate: '13' },
      { item: 'b', qty: 2, price: '0.20', rate: '6' },
      { item: 'c', price: '0.05' },
      { item: 'd', price: '' },
    ];
    const totals: Totals = [
      { field: 'price', fn: 'sum' },
      { field: 'qty', fn: 'sum' },
      { field: 'price', fn: 'avg' },
      { field: 'rate', fn: 'max' },
      { field: 'qty', fn: 'min' },
      { field: 'price', fn: 'count' },
      { field: 'due', fn: 'min' },
    ];
    assert.deepEqual(subTableTotals(rows, { fields: columns, totals }), [
      { field: 'price', fn: 'sum', value: '0.35' },
      { field: 'qty', fn: 'sum', value: 3 },
      { field: 'price', fn: 'avg', value: '0.12' },
      { field: 'rate', fn: 'max', value: '13.00' },
      { field: 'qty', fn: 'min', value: 1 },
      { field: 'price', fn: 'count', value: 3 },
      { field: 'due', fn: 'min', value: null },
    ]);
    assert.deepEqual(
      subTableTotals([], { fields: columns, totals: [{ field: 'price', fn: 'sum' }] }),
      [{ field: 'price', fn: 'sum', value: '0.00' }],
    );
  });

  it('keeps every cent of very large totals', () => {
    const rows = Array.from({ length: 1001 }, () => ({ item: 'x', price: '999999999999999.99' }));
    const [total] = subTableTotals(rows, {
      fields: columns,
      totals: [{ field: 'price', fn: 'sum' }],
    });
    assert.equal(total?.value, '1000999999999999989.99');
  });

  it('converts cells with their column types for CEL and back', () => {
    const f = lines();
    const [row] = subTableField.toCel(
      [{ item: 'a', qty: 2, price: '0.10', due: '2024-02-29' }],
      f,
    ) as Record<string, unknown>[];
    assert.equal(row?.qty, 2n);
    assert.ok(Decimal.isDecimal(row?.price));
    assert.ok(row?.due instanceof Date);
    assert.deepEqual(subTableField.fromCel([row], f), [
      { item: 'a', qty: 2, price: '0.10', due: '2024-02-29' },
    ]);
    assert.equal(subTableField.celType(f, defCtx), 'list');
  });

  it('describes rows in its value schema with the columns own schemas', () => {
    const schema = subTableField.valueSchema(lines(), defCtx) as {
      items: { properties: Record<string, { type: string }>; required: string[] };
    };
    assert.equal(schema.items.properties.price?.type, 'string');
    assert.equal(schema.items.properties.qty?.type, 'integer');
    assert.deepEqual(schema.items.required, ['item']);
  });

  it('checkDefinition: sound columns and totals pass', () => {
    const computedColumn: FieldDefinition = {
      id: 'total',
      type: 'computed',
      label: 'Total',
      config: { expression: 'price', resultType: 'money' },
    };
    const f = lines({
      fields: [...columns, computedColumn],
      totals: [
        { field: 'total', fn: 'sum' },
        { field: 'item', fn: 'count' },
      ],
    });
    assert.deepEqual(subTableField.checkDefinition?.(f, defCtx), []);
  });

  it('checkDefinition reports duplicate, nested, unknown and misconfigured columns and bad totals', () => {
    const bad: FieldDefinition[] = [
      { id: 'item', type: 'text', label: 'Item' },
      { id: 'item', type: 'text', label: 'Again' },
      { id: 'inner', type: 'sub-table', label: 'Inner', config: { fields: [] } },
      { id: 'sig', type: 'signature', label: 'Signature' },
      { id: 'amount', type: 'money', label: 'Amount', config: { scale: 9 } },
      { id: 'kind', type: 'select', label: 'Kind', config: { dictionary: 'nope' } },
      {
        id: 'formula',
        type: 'computed',
        label: 'Formula',
        config: { expression: 'missing', resultType: 'number' },
      },
    ];
    const f = lines({
      fields: bad,
      totals: [
        { field: 'ghost', fn: 'sum' },
        { field: 'item', fn: 'sum' },
      ],
      minRows: 5,
      maxRows: 2,
    });
    assert.deepEqual(codes(subTableField.checkDefinition?.(f, defCtx) ?? []), [
      '/config/fields/1/id sub-table.duplicate-column',
      '/config/fields/2/type sub-table.nested',
      '/config/fields/3/type sub-table.column-type',
      '/config/fields/4/config/scale schema.maximum',
      '/config/fields/5/config/dictionary select.dictionary',
      '/config/fields/6/config/expression expression.unknown',
      '/config/totals/0/field sub-table.total-field',
      '/config/totals/1/fn sub-table.total-fn',
      '/config/minRows sub-table.min-rows',
    ]);
  });
});
