import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Answer, call, signIn, startTestServer } from './accounts-helpers.ts';

// Computed columns of a sub-table's rows are the server's, as top-level computed fields are: a
// line total of 99999.00 for 2 × 10.00 is stored as 20.00, and a field reading the rows sees
// the recomputed cells.

function ordersApp(): Record<string, unknown> {
  const money = { currency: 'CNY', scale: 2 };
  return {
    schemaVersion: 1,
    id: 'orders',
    label: { en: 'Orders', 'zh-CN': '订单' },
    tables: [
      {
        id: 'order',
        kind: 'master',
        label: { en: 'Order', 'zh-CN': '订单' },
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: 'Title', required: true },
          {
            id: 'lines',
            type: 'sub-table',
            label: { en: 'Lines', 'zh-CN': '明细' },
            config: {
              fields: [
                { id: 'item', type: 'text', label: 'Item', required: true },
                { id: 'qty', type: 'number', label: 'Qty' },
                { id: 'price', type: 'money', label: 'Price', config: money },
                {
                  id: 'total',
                  type: 'computed',
                  label: 'Line total',
                  config: { expression: 'price * qty', resultType: 'money', scale: 2 },
                },
              ],
              totals: [{ field: 'total', fn: 'sum' }],
            },
          },
          {
            id: 'large',
            type: 'computed',
            label: 'Has a large line',
            config: {
              expression: 'lines.exists(line, line.total > decimal("1000"))',
              resultType: 'boolean',
            },
          },
        ],
      },
    ],
  };
}

const server = await startTestServer();
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));
const admin = await signIn(app, 'admin', server.admin.password);
const ok = (answer: Answer, status: number) => {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  return answer.json as { id: string; _rev: string; values: Record<string, unknown> };
};
ok(await call(app, 'POST', '/api/apps', { as: admin, body: ordersApp() }), 201);
ok(await call(app, 'POST', '/api/apps/orders/publish', { as: admin, body: {} }), 201);
const RECORDS = '/api/apps/orders/tables/order/records';
type Line = Record<string, unknown>;

describe('computed sub-table columns', () => {
  it('recomputes a forged line total on create and on update', async () => {
    const made = ok(
      await call(app, 'POST', RECORDS, {
        as: admin,
        body: {
          values: {
            title: 'Paper',
            lines: [
              { item: 'A4', qty: 2, price: '10.00', total: '99999.00' },
              { item: 'A3', qty: 1, price: '3.50' },
            ],
          },
        },
      }),
      201,
    );
    const lines = made.values.lines as Line[];
    assert.deepEqual(
      lines.map((line) => line.total),
      ['20.00', '3.50'],
    );
    assert.equal(made.values.large, false, 'the field reading the rows sees the recomputed totals');

    const updated = ok(
      await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
        as: admin,
        body: {
          _rev: made._rev,
          values: { lines: [{ item: 'A4', qty: 3, price: '10.00', total: '1.00' }] },
        },
      }),
      200,
    );
    assert.deepEqual((updated.values.lines as Line[])[0], {
      item: 'A4',
      qty: 3,
      price: '10.00',
      total: '30.00',
    });
    const read = ok(await call(app, 'GET', `${RECORDS}/${made.id}`, { as: admin }), 200);
    assert.equal((read.values.lines as Line[])[0]?.total, '30.00');
  });

  it('works a cell out from empty cells too, whatever was sent', async () => {
    const made = ok(
      await call(app, 'POST', RECORDS, {
        as: admin,
        body: { values: { title: 'Pens', lines: [{ item: 'Pen', total: '5.00' }] } },
      }),
      201,
    );
    const [line] = made.values.lines as Line[];
    // empty cells are zero values (decision 0010): 0 × 0.00
    assert.deepEqual(line, { item: 'Pen', total: '0.00' });
  });
});
