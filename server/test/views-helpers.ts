import type { Hono } from 'hono';
import type { ApiEnv } from '../src/index.ts';
import {
  call,
  makeUser,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';

const text = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const options = (...values: string[]) =>
  values.map((value) => ({ value, label: text(value, `选项${value}`) }));

/**
 * A sales app: customers, and deals with money, a number, a date, a select, a multi-select and
 * a link to a customer; roles `sales` (own rows) and `manager` (all rows); views `deals`
 * (amount descending), `recent` (signed in the last 30 days, by `valueExpr`) and `by_status`
 * (a chart grouped by status with count, sum, avg and max).
 */
export function salesApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'sales',
    label: text('Sales', '销售'),
    tables: [
      {
        id: 'customer',
        label: text('Customer', '客户'),
        kind: 'master',
        titleField: 'name',
        fields: [{ id: 'name', type: 'text', label: text('Name', '名称'), required: true }],
      },
      {
        id: 'deal',
        label: text('Deal', '商机'),
        kind: 'master',
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: text('Title', '标题'), required: true },
          {
            id: 'amount',
            type: 'money',
            label: text('Amount', '金额'),
            config: { currency: 'CNY', scale: 2 },
          },
          { id: 'qty', type: 'number', label: text('Quantity', '数量'), config: { scale: 0 } },
          { id: 'signDate', type: 'date', label: text('Signing date', '签订日期') },
          {
            id: 'status',
            type: 'select',
            label: text('Status', '状态'),
            config: { options: options('open', 'won', 'lost') },
          },
          {
            id: 'tags',
            type: 'multi-select',
            label: text('Tags', '标签'),
            config: { options: options('a', 'b', 'c') },
          },
          {
            id: 'customer',
            type: 'link',
            label: text('Customer', '客户'),
            config: { table: 'customer' },
          },
        ],
      },
    ],
    roles: [
      { id: 'sales', label: text('Sales', '销售') },
      { id: 'manager', label: text('Manager', '经理') },
    ],
    views: [
      {
        id: 'deals',
        label: text('All deals', '全部商机'),
        table: 'deal',
        type: 'list',
        columns: [
          { field: 'title' },
          { field: 'amount' },
          { field: 'qty' },
          { field: 'signDate' },
          { field: 'status' },
          { field: 'tags' },
          { field: 'customer' },
        ],
        sorts: [{ field: 'amount', direction: 'desc' }],
        config: { pageSize: 50 },
      },
      {
        id: 'recent',
        label: text('Recent deals', '近期商机'),
        table: 'deal',
        type: 'list',
        columns: [{ field: 'title' }, { field: 'signDate' }],
        filters: [{ field: 'signDate', op: 'gte', valueExpr: 'addDays(now, -30)' }],
        sorts: [{ field: 'signDate', direction: 'asc' }],
      },
      {
        id: 'by_status',
        label: text('Deals by status', '按状态统计'),
        table: 'deal',
        type: 'chart',
        groupBy: ['status'],
        aggregates: [
          { id: 'n', fn: 'count' },
          { id: 'total', fn: 'sum', field: 'amount' },
          { id: 'average', fn: 'avg', field: 'amount' },
          { id: 'most', fn: 'max', field: 'qty' },
        ],
        config: { kind: 'column', x: 'status', series: [{ aggregate: 'total' }] },
      },
    ],
  };
}

export interface SalesWorld {
  readonly server: TestServer;
  readonly app: Hono<ApiEnv>;
  readonly admin: Session;
  /** Holds `sales`: sees only the deals (and customers) she made. */
  readonly alice: Session;
  /** Holds `manager`: sees every deal. */
  readonly mary: Session;
  /** Deal ids by title. */
  readonly deals: Readonly<Record<string, string>>;
  readonly customers: Readonly<Record<string, string>>;
  /** `YYYY-MM-DD`, `days` before the server's clock. */
  readonly daysAgo: (days: number) => string;
}

export const VIEWS = '/api/apps/sales/views';

async function created(app: Hono<ApiEnv>, as: Session, table: string, values: unknown) {
  const answer = await call(app, 'POST', `/api/apps/sales/tables/${table}/records`, {
    as,
    body: { values },
  });
  if (answer.status !== 201) throw new Error(`create: ${JSON.stringify(answer.json)}`);
  return String(answer.json.id);
}

/**
 * A fresh server with the sales app published, its roles mapped, two customers and six deals:
 * five by the admin, one by alice (open, 7.77).
 */
export async function startSalesWorld(): Promise<SalesWorld> {
  const server = await startTestServer();
  const { app } = server;
  const admin = await signIn(app, 'admin', server.admin.password);
  for (const [method, path, body] of [
    ['POST', '/api/apps', salesApp()],
    ['POST', '/api/apps/sales/publish', {}],
  ] as const) {
    const answer = await call(app, method, path, { as: admin, body });
    if (answer.status !== 201) throw new Error(`${path}: ${JSON.stringify(answer.json)}`);
  }
  const person = async (username: string) => {
    await makeUser(server, admin, { username, roles: ['user'] });
    return signIn(app, username, 'correct horse battery');
  };
  const alice = await person('alice');
  const mary = await person('mary');
  const roles = await call(app, 'PUT', '/api/apps/sales/roles', {
    as: admin,
    body: {
      roles: { sales: { users: [alice.user.id] }, manager: { users: [mary.user.id] } },
      rows: { deal: { sales: 'own', manager: 'all' }, customer: { sales: 'own', manager: 'all' } },
    },
  });
  if (roles.status !== 200) throw new Error(`roles: ${JSON.stringify(roles.json)}`);
  const daysAgo = (days: number) =>
    new Date(server.clock.now - days * 86_400_000).toISOString().slice(0, 10);
  const customers = {
    acme: await created(app, admin, 'customer', { name: 'Acme 公司' }),
    beta: await created(app, admin, 'customer', { name: 'Beta' }),
  };
  const deals: Record<string, string> = {};
  const rows: [string, Session, Record<string, unknown>][] = [
    [
      'Alpha',
      admin,
      {
        amount: '0.10',
        qty: 1,
        signDate: daysAgo(5),
        status: 'open',
        tags: ['a'],
        customer: customers.acme,
      },
    ],
    [
      'Bravo',
      admin,
      {
        amount: '0.20',
        qty: 2,
        signDate: daysAgo(10),
        status: 'open',
        tags: ['a', 'b'],
        customer: customers.beta,
      },
    ],
    [
      'Charlie',
      admin,
      { amount: '1000.05', qty: 3, signDate: daysAgo(60), status: 'won', tags: [] },
    ],
    ['=1+1', admin, { amount: '5.00', qty: 4, signDate: daysAgo(1), status: 'lost' }],
    ['合同甲', admin, { amount: '12345678.90', qty: 5, status: 'won', tags: ['c'] }],
    ['Alice deal', alice, { amount: '7.77', qty: 6, signDate: daysAgo(2), status: 'open' }],
  ];
  for (const [title, as, values] of rows) {
    deals[title] = await created(app, as, 'deal', { title, ...values });
    server.clock.advance(1000); // distinct createdAt: newest first is a stable tie-break
  }
  return { server, app, admin, alice, mary, deals, customers, daysAgo };
}

/** A GET of a view route as `as`, with the query parameters given (JSON-encoding `filter`). */
export async function viewGet(
  world: SalesWorld,
  as: Session,
  path: string,
  query: Record<string, unknown> = {},
) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const search = params.size === 0 ? '' : `?${params}`;
  return call(world.app, 'GET', `${VIEWS}${path}${search}`, { as });
}

/** The raw answer of a view export (bytes and headers), as `as`. */
export async function exportOf(world: SalesWorld, as: Session, query: string) {
  const response = await world.app.request(`${VIEWS}/deals/export?${query}`, {
    headers: { cookie: `tessera_session=${as.cookie}` },
  });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}
