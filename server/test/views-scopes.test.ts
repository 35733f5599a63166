import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { call, makeUser, signIn } from './accounts-helpers.ts';
import { exportOf, startSalesWorld, viewGet } from './views-helpers.ts';

const world = await startSalesWorld();
const { alice, mary, admin } = world;
after(() => assert.deepEqual(world.server.storage.warnings, []));

const titlesOf = (json: Record<string, unknown>) =>
  (json.items as { values: Record<string, unknown> }[]).map((row) => row.values.title);

describe('row scopes in views', () => {
  it('shows a user with the own scope only their rows', async () => {
    const mine = await viewGet(world, alice, '/deals/rows');
    assert.equal(mine.status, 200, JSON.stringify(mine.json));
    assert.deepEqual(titlesOf(mine.json), ['Alice deal']);
    assert.equal(mine.json.total, 1);
    const all = await viewGet(world, mary, '/deals/rows');
    assert.equal(all.json.total, 6);
  });

  it('sums only their rows in the summary', async () => {
    const answer = await viewGet(world, alice, '/by_status/summary');
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.deepEqual(answer.json.groups, [
      {
        key: { status: 'open' },
        label: 'open',
        count: 1,
        aggregates: { n: 1, total: '7.77', average: '7.77', most: 6 },
      },
    ]);
    assert.deepEqual(answer.json.totals, { n: 1, total: '7.77', average: '7.77', most: 6 });
  });

  it('exports only their rows', async () => {
    const { bytes } = await exportOf(world, alice, 'format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.rowCount, 2);
    assert.equal(sheet.getRow(2).getCell(1).value, 'Alice deal');
    const csv = await exportOf(world, alice, 'format=csv');
    const lines = new TextDecoder().decode(csv.bytes).trim().split('\r\n');
    assert.equal(lines.length, 2);
  });

  it("names a linked record only when it is in the reader's scope of that table", async () => {
    // alice sees only the customers she made: Beta is the admin's
    const own = await call(world.app, 'POST', '/api/apps/sales/tables/customer/records', {
      as: alice,
      body: { values: { name: 'Alice Co' } },
    });
    assert.equal(own.status, 201, JSON.stringify(own.json));
    const made = await call(world.app, 'POST', '/api/apps/sales/tables/deal/records', {
      as: alice,
      body: { values: { title: 'Linked twice', status: 'open', customer: String(own.json.id) } },
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const linkedTo = async (as: typeof alice) => {
      const answer = await viewGet(world, as, '/deals/rows', {
        filter: [{ field: 'title', op: 'eq', value: 'Linked twice' }],
      });
      return (answer.json.items as { links?: Record<string, unknown> }[])[0]?.links;
    };
    const link = { id: String(own.json.id), table: 'customer', display: 'Alice Co' };
    assert.deepEqual(await linkedTo(alice), { customer: [link] });
    assert.deepEqual(await linkedTo(mary), { customer: [link] });
    // a deal of alice's pointing at the admin's customer: its id to open, never its name. She
    // may link only to a customer she may read, so the link was made while she saw them all
    const foreignDeal = () =>
      call(world.app, 'POST', '/api/apps/sales/tables/deal/records', {
        as: alice,
        body: { values: { title: 'Foreign link', customer: world.customers.beta } },
      });
    const refused = await foreignDeal();
    assert.equal(refused.status, 400, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.field, '/values/customer');
    const customersSeen = async (scope: 'own' | 'all') => {
      const read = await call(world.app, 'GET', '/api/apps/sales/roles', { as: admin });
      const answer = await call(world.app, 'PUT', '/api/apps/sales/roles', {
        as: admin,
        body: {
          _rev: read.json._rev,
          roles: { sales: { users: [alice.user.id] }, manager: { users: [mary.user.id] } },
          rows: {
            deal: { sales: 'own', manager: 'all' },
            customer: { sales: scope, manager: 'all' },
          },
        },
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
    };
    await customersSeen('all');
    const foreign = await foreignDeal();
    await customersSeen('own');
    assert.equal(foreign.status, 201, JSON.stringify(foreign.json));
    const hidden = await viewGet(world, alice, '/deals/rows', {
      filter: [{ field: 'title', op: 'eq', value: 'Foreign link' }],
    });
    assert.deepEqual((hidden.json.items as { links?: unknown }[])[0]?.links, {
      customer: [{ id: world.customers.beta, table: 'customer' }],
    });
    const beta = await viewGet(world, mary, '/deals/rows', {
      filter: [{ field: 'customer', op: 'eq', value: world.customers.beta }],
    });
    assert.deepEqual((beta.json.items as { links?: unknown }[])[0]?.links, {
      customer: [{ id: world.customers.beta, table: 'customer', display: 'Beta' }],
    });
  });

  it('shows a signed-in user without an app role only what they made: nothing', async () => {
    await makeUser(world.server, admin, { username: 'bob', roles: ['user'] });
    const bob = await signIn(world.app, 'bob', 'correct horse battery');
    const seen = await viewGet(world, bob, '/deals/rows');
    assert.deepEqual(seen.json.items, []);
    assert.equal(seen.json.total, 0);
    const summary = await viewGet(world, bob, '/by_status/summary');
    assert.deepEqual(summary.json.groups, []);
    assert.deepEqual(summary.json.totals, { n: 0, total: '0.00', average: null, most: null });
  });
});
