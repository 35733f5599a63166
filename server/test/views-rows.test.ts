import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { errorOf } from './helpers.ts';
import { startSalesWorld, viewGet } from './views-helpers.ts';

const world = await startSalesWorld();
const { admin, deals, customers } = world;
after(() => assert.deepEqual(world.server.storage.warnings, []));

type Row = {
  id: string;
  _rev: string;
  values: Record<string, unknown>;
  links?: Record<string, { id: string; table: string; display?: string }[]>;
};

const titles = async (view: string, query: Record<string, unknown> = {}) => {
  const answer = await viewGet(world, admin, `/${view}/rows`, query);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return (answer.json.items as Row[]).map((row) => row.values.title);
};

const filtered = (filter: unknown[]) => titles('deals', { filter });

describe('GET /api/apps/{app}/views', () => {
  it('describes each view with headers in the language, field types and their filters', async () => {
    const answer = await viewGet(world, admin, '', { locale: 'zh-CN' });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const items = answer.json.items as Record<string, unknown>[];
    assert.deepEqual(
      items.map((one) => one.id),
      ['deals', 'recent', 'by_status'],
    );
    const deals = items[0] as { label: string; columns: Record<string, unknown>[] };
    assert.equal(deals.label, '全部商机');
    assert.deepEqual(deals.columns[1], {
      field: 'amount',
      label: '金额',
      type: 'money',
      celType: 'decimal',
      ops: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
    });
    assert.deepEqual(deals.columns[6], {
      field: 'customer',
      label: '客户',
      type: 'link',
      celType: 'string',
      ops: ['notEmpty', 'empty'],
      link: { table: 'customer' },
    });
    const chart = items[2] as Record<string, unknown>;
    assert.deepEqual(chart.groupBy, [
      {
        field: 'status',
        label: '状态',
        type: 'select',
        celType: 'string',
        ops: ['eq', 'ne', 'empty', 'notEmpty'],
        choices: ['open', 'won', 'lost'].map((value) => ({ value, label: `选项${value}` })),
      },
    ]);
    assert.deepEqual(
      (chart.aggregates as { id: string }[]).map((one) => one.id),
      ['n', 'total', 'average', 'most'],
    );
    assert.equal((chart.config as { kind: string }).kind, 'column');
  });

  it('answers 404 for an unknown app and an unknown view', async () => {
    const app = await world.app.request('/api/apps/nope/views', {
      headers: { cookie: `tessera_session=${admin.cookie}` },
    });
    assert.equal(app.status, 404);
    const view = await viewGet(world, admin, '/nope/rows');
    assert.equal(view.status, 404);
    assert.equal(errorOf(view.json).code, 'not_found');
  });
});

describe('GET /api/apps/{app}/views/{view}/rows', () => {
  it("answers the view's columns in its order, with id, _rev, links and the total", async () => {
    const answer = await viewGet(world, admin, '/deals/rows');
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const items = answer.json.items as Row[];
    assert.deepEqual(
      items.map((row) => row.values.title),
      ['合同甲', 'Charlie', 'Alice deal', '=1+1', 'Bravo', 'Alpha'],
    );
    assert.equal(answer.json.total, 6);
    assert.equal(answer.json.next, undefined);
    const alpha = items.at(-1)!;
    assert.equal(alpha.id, deals.Alpha);
    assert.match(alpha._rev, /^1-/);
    assert.deepEqual(Object.keys(alpha.values).sort(), [
      'amount',
      'customer',
      'qty',
      'signDate',
      'status',
      'tags',
      'title',
    ]);
    assert.deepEqual(alpha.links, {
      customer: [{ id: customers.acme, table: 'customer', display: 'Acme 公司' }],
    });
  });

  it('applies each operator on the server', async () => {
    assert.deepEqual(await filtered([{ field: 'status', op: 'eq', value: 'won' }]), [
      '合同甲',
      'Charlie',
    ]);
    assert.deepEqual(await filtered([{ field: 'status', op: 'ne', value: 'open' }]), [
      '合同甲',
      'Charlie',
      '=1+1',
    ]);
    assert.deepEqual(await filtered([{ field: 'amount', op: 'gt', value: '5' }]), [
      '合同甲',
      'Charlie',
      'Alice deal',
    ]);
    assert.deepEqual(await filtered([{ field: 'amount', op: 'gte', value: '5' }]), [
      '合同甲',
      'Charlie',
      'Alice deal',
      '=1+1',
    ]);
    assert.deepEqual(await filtered([{ field: 'amount', op: 'lt', value: '0.2' }]), ['Alpha']);
    assert.deepEqual(await filtered([{ field: 'amount', op: 'lte', value: 0.2 }]), [
      'Bravo',
      'Alpha',
    ]);
    assert.deepEqual(await filtered([{ field: 'qty', op: 'between', value: [2, 4] }]), [
      'Charlie',
      '=1+1',
      'Bravo',
    ]);
    assert.deepEqual(await filtered([{ field: 'qty', op: 'in', value: [1, 6] }]), [
      'Alice deal',
      'Alpha',
    ]);
    assert.deepEqual(await filtered([{ field: 'title', op: 'contains', value: 'AR' }]), [
      'Charlie',
    ]);
    assert.deepEqual(await filtered([{ field: 'tags', op: 'contains', value: 'b' }]), ['Bravo']);
    assert.deepEqual(await filtered([{ field: 'tags', op: 'in', value: ['c', 'b'] }]), [
      '合同甲',
      'Bravo',
    ]);
    assert.deepEqual(await filtered([{ field: 'signDate', op: 'empty' }]), ['合同甲']);
    assert.deepEqual(await filtered([{ field: 'customer', op: 'notEmpty' }]), ['Bravo', 'Alpha']);
    assert.deepEqual(await filtered([{ field: 'customer', op: 'eq', value: customers.beta }]), [
      'Bravo',
    ]);
    assert.deepEqual(
      await filtered([
        { field: 'signDate', op: 'between', value: [world.daysAgo(10), world.daysAgo(2)] },
        { field: 'qty', op: 'gte', value: 2 },
      ]),
      ['Alice deal', 'Bravo'],
    );
  });

  it("evaluates a view filter's valueExpr with the platform's expressions", async () => {
    // signed within 30 days of the server clock, oldest first
    assert.deepEqual(await titles('recent'), ['Bravo', 'Alpha', 'Alice deal', '=1+1']);
  });

  it('sorts by ?sort instead of the view order, several fields and both directions', async () => {
    assert.deepEqual(
      await titles('deals', {
        sort: 'title:asc',
        filter: [{ field: 'status', op: 'eq', value: 'open' }],
      }),
      ['Alice deal', 'Alpha', 'Bravo'],
    );
    // lost < open < won, then the largest amount first
    assert.deepEqual(await titles('deals', { sort: 'status:asc,amount:desc' }), [
      '=1+1',
      'Alice deal',
      'Bravo',
      'Alpha',
      '合同甲',
      'Charlie',
    ]);
    // empty values come last in either direction
    assert.equal((await titles('deals', { sort: 'signDate:desc' })).at(-1), '合同甲');
    assert.equal((await titles('deals', { sort: 'signDate:asc' })).at(-1), '合同甲');
  });

  it('searches the columns as shown with ?q', async () => {
    assert.deepEqual(await titles('deals', { q: 'ALP' }), ['Alpha']);
    // an option is found by its label in the request's language
    assert.deepEqual(await titles('deals', { q: '选项lost', locale: 'zh-CN' }), ['=1+1']);
    assert.deepEqual(await titles('deals', { q: '合同' }), ['合同甲']);
    assert.deepEqual(await titles('deals', { q: '1,000.05' }), ['Charlie']);
  });

  it('pages with a cursor: every row once, in order, a filter and sort applied', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await viewGet(world, admin, '/deals/rows', {
        limit: '2',
        sort: 'qty:asc',
        filter: [{ field: 'qty', op: 'ne', value: 3 }],
        ...(cursor ? { cursor } : {}),
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(answer.json.total, 5);
      seen.push(...(answer.json.items as Row[]).map((row) => row.values.qty));
      cursor = answer.json.next as string | undefined;
      pages += 1;
    } while (cursor);
    assert.deepEqual(seen, [1, 2, 4, 5, 6]);
    assert.equal(pages, 3);
  });

  it('refuses a cursor of another order and a bad limit', async () => {
    const first = await viewGet(world, admin, '/deals/rows', { limit: '2' });
    const other = await viewGet(world, admin, '/deals/rows', {
      sort: 'title:asc',
      cursor: first.json.next,
    });
    assert.equal(other.status, 400);
    assert.equal(errorOf(other.json).field, '?cursor');
    const limit = await viewGet(world, admin, '/deals/rows', { limit: '5000' });
    assert.equal(limit.status, 400);
    assert.equal(errorOf(limit.json).field, '?limit');
  });
});

describe('bad view requests', () => {
  const refused = async (query: Record<string, unknown>) => {
    const answer = await viewGet(world, admin, '/deals/rows', query);
    assert.equal(answer.status, 400, JSON.stringify(answer.json));
    return errorOf(answer.json);
  };

  it('names the parameter that is wrong', async () => {
    const unknown = await refused({ filter: [{ field: 'nope', op: 'eq', value: 1 }] });
    assert.equal(unknown.code, 'invalid_query');
    assert.equal(unknown.field, '/query/filter/0/field');
    assert.match(unknown.message, /"nope" is not a field of table "deal"/);
    const op = await refused({
      filter: [
        { field: 'title', op: 'eq', value: 'x' },
        { field: 'title', op: 'like', value: 'x' },
      ],
    });
    assert.equal(op.field, '/query/filter/1/op');
    const value = await refused({ filter: [{ field: 'amount', op: 'gt', value: 'lots' }] });
    assert.equal(value.field, '/query/filter/0/value');
    const option = await refused({
      filter: [{ field: 'status', op: 'in', value: ['open', 'maybe'] }],
    });
    assert.equal(option.field, '/query/filter/0/value/1');
    const between = await refused({ filter: [{ field: 'qty', op: 'between', value: [1] }] });
    assert.equal(between.field, '/query/filter/0/value');
    const missing = await refused({ filter: [{ field: 'qty', op: 'eq' }] });
    assert.equal(missing.field, '/query/filter/0/value');
    assert.equal((await refused({ filter: '[{' })).field, '?filter');
    assert.equal((await refused({ filter: { field: 'qty' } })).field, '?filter');
    assert.equal((await refused({ filter: ['qty'] })).field, '/query/filter/0');
    assert.equal((await refused({ sort: 'amount:sideways' })).field, '?sort');
    assert.equal((await refused({ sort: 'nope:asc' })).field, '?sort');
  });

  it('answers in Chinese when asked', async () => {
    const answer = await viewGet(world, admin, '/deals/rows', {
      locale: 'zh-CN',
      filter: [{ field: 'nope', op: 'eq', value: 1 }],
    });
    assert.match(errorOf(answer.json).message, /不是表“deal”的字段/);
  });
});
