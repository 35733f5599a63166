import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppDefinition, createPlatform, Decimal } from '@tessera/core';
import { fieldBasic, moneyField } from '../src/index.ts';

const app: AppDefinition = {
  schemaVersion: 1,
  id: 'sales',
  label: { 'zh-CN': '销售', en: 'Sales' },
  dictionaries: [{ id: 'regions', label: 'Regions', items: [{ value: 'north', label: '华北' }] }],
  tables: [
    {
      id: 'customers',
      label: 'Customers',
      kind: 'master',
      titleField: 'name',
      fields: [
        { id: 'name', type: 'text', label: 'Name', required: true },
        { id: 'region', type: 'select', label: 'Region', config: { dictionary: 'regions' } },
      ],
    },
    {
      id: 'orders',
      label: 'Orders',
      kind: 'flow',
      fields: [
        { id: 'no', type: 'auto-number', label: 'No', config: { pattern: 'SO-{yyyy}-{seq:4}' } },
        {
          id: 'customer',
          type: 'link',
          label: 'Customer',
          config: { table: 'customers', pull: [{ from: 'region', to: 'region' }] },
        },
        { id: 'region', type: 'select', label: 'Region', config: { dictionary: 'regions' } },
        { id: 'owner', type: 'user', label: 'Owner' },
        { id: 'qty', type: 'number', label: 'Qty' },
        { id: 'price', type: 'money', label: 'Price' },
        {
          id: 'amount',
          type: 'computed',
          label: 'Amount',
          config: { expression: 'price * qty', resultType: 'money' },
        },
        {
          id: 'lines',
          type: 'sub-table',
          label: 'Lines',
          config: {
            fields: [
              { id: 'item', type: 'text', label: 'Item', required: true },
              { id: 'qty', type: 'number', label: 'Qty' },
              { id: 'price', type: 'money', label: 'Price' },
              {
                id: 'amount',
                type: 'computed',
                label: 'Amount',
                config: { expression: 'price * qty', resultType: 'money' },
              },
            ],
            totals: [{ field: 'amount', fn: 'sum' }],
          },
        },
      ],
    },
  ],
};

describe('with the real platform', () => {
  const platform = createPlatform({ plugins: [fieldBasic] });

  it('registers the plugin and accepts an app using the types, sub-table computed columns included', () => {
    assert.equal(platform.fieldTypes.get('money'), moneyField);
    const result = platform.validateApp(app);
    assert.deepEqual(result.ok ? [] : result.issues.map((one) => `${one.path} ${one.code}`), []);
  });

  it('reports a column expression that does not type-check over its row', () => {
    const broken = structuredClone(app);
    const lines = broken.tables[1]!.fields[7]!;
    const columns = (lines.config as { fields: { config?: Record<string, unknown> }[] }).fields;
    columns[3]!.config = { expression: 'price * missing', resultType: 'money' };
    const result = platform.validateApp(broken);
    assert.ok(!result.ok);
    assert.ok(
      result.issues.some(
        (one) => one.path === '/tables/1/fields/7/config/fields/3/config/expression',
      ),
    );
  });

  it('validates records with issues at the cell', () => {
    const record = { price: '12.345', lines: [{ item: 'Pen', price: '0.10' }, { price: 'x' }] };
    const found = platform
      .validateRecord(app, 'orders', record)
      .map((one) => `${one.path} ${one.code}`);
    assert.deepEqual(found, [
      '/price money.scale',
      '/lines/1/item sub-table.required',
      '/lines/1/price money.format',
    ]);
  });

  it('evaluates expressions over money exactly, sub-table cells included', () => {
    const env = platform.expressions(app, 'orders');
    const record = {
      qty: 3,
      price: '0.10',
      lines: [
        { item: 'a', price: '0.10' },
        { item: 'b', price: '0.20' },
      ],
    };
    const amount = env.compile('price * qty').evaluate(record);
    assert.equal(moneyField.fromCel(amount, { ...app.tables[1]!.fields[5]!, config: {} }), '0.30');
    const sum = env.compile('lines[0].price + lines[1].price').evaluate(record);
    assert.ok(Decimal.isDecimal(sum));
    assert.equal((sum as Decimal).toFixed(2), '0.30');
  });

  it('gives a record schema built from the value schemas', () => {
    const schema = platform.recordSchema(app, 'orders') as {
      properties: Record<string, { type?: string }>;
    };
    assert.equal(schema.properties.price?.type, 'string');
    assert.equal(schema.properties.lines?.type, 'array');
  });
});
