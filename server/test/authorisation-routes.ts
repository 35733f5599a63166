import ExcelJS from 'exceljs';
import { accessOf, leaksIn, type Sight } from './authorisation-oracle.ts';
import { APP, type TableId } from './authorisation-spec.ts';
import { pdfForm, type RecordFact, type Reply, type World } from './authorisation-world.ts';

/**
 * Every route of the OpenAPI document, and how the authorisation property test checks it for
 * one caller: the calls to make (ids of things they may and may not see, bodies that change
 * nothing) and what each answer must be. One entry per route, so the table is long; a route
 * the document has and this table lacks fails the suite, and its author adds it here.
 */

export type Problems = string | readonly string[] | undefined;

/** One call of a route, and what its answer must be beyond the rules every answer keeps. */
export interface Probe {
  readonly path: string;
  readonly body?: unknown;
  readonly form?: () => FormData;
  /** The caller may not see the target: a read or command answers 404, as for no such thing. */
  readonly hidden?: boolean;
  readonly check?: (reply: Reply) => Problems | Promise<Problems>;
  /** Ids the caller sent another way (a file's rows) that the answer may echo. */
  readonly echoes?: string;
}

export interface Ctx {
  readonly world: World;
  readonly sight: Sight;
  /** Every notice id, by the id of the person it is for. */
  readonly notices: ReadonlyMap<string, string>;
}

/** How a route is checked: what it is about, and the calls that check it for one caller. */
export interface RouteCheck {
  readonly how: string;
  readonly probes: (ctx: Ctx) => readonly Probe[];
}

const A = `/api/apps/${APP}`;
const UNKNOWN_RECORD = 'record:01ZZZZZZZZZZZZZZZZZZZZZZZZ';
const UNKNOWN_ITEM = '01ZZZZZZZZZZZZZZZZZZZZZZZZ';

const statusIs = (reply: Reply, ...allowed: number[]): string | undefined =>
  allowed.includes(reply.status)
    ? undefined
    : `answered ${reply.status}, expected ${allowed.join(' or ')}: ${reply.text.slice(0, 200)}`;

/** The answer's status is `status`, then `then` looks at its JSON. */
const ok =
  (status: number, then?: (json: Record<string, unknown>) => Problems) =>
  (reply: Reply): Problems =>
    statusIs(reply, status) ?? then?.(reply.json as Record<string, unknown>);

export const sameSet = (what: string, seen: Iterable<string>, expected: Iterable<string>) => {
  const a = [...new Set(seen)].sort();
  const b = [...new Set(expected)].sort();
  return JSON.stringify(a) === JSON.stringify(b)
    ? undefined
    : `${what}: saw ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`;
};

const idsOf = (json: Record<string, unknown>, key = 'items') =>
  ((json[key] ?? []) as { id: string }[]).map((one) => one.id);

const recordsIn = (world: World, table: TableId) =>
  world.records.filter((record) => record.table === table);

const readable = (ctx: Ctx, table: TableId) =>
  recordsIn(ctx.world, table)
    .filter((record) => ctx.sight.records.has(record.id))
    .map((record) => record.id);

const member = (ctx: Ctx) =>
  ctx.sight.person !== undefined && accessOf(ctx.world, ctx.sight.person, 'expense').member;

const cents = (money: unknown) => Math.round(Number(money) * 100);

/** One probe per record of the world (and an unknown id), hidden when outside the scope. */
const perRecord = (
  ctx: Ctx,
  path: (record: { id: string; table: string }) => string,
  check: (record: RecordFact) => Probe['check'],
  extra: Partial<Probe> = {},
): Probe[] => [
  ...ctx.world.records.map((record) => ({
    path: path(record),
    hidden: !ctx.sight.records.has(record.id),
    check: check(record),
    ...extra,
  })),
  { path: path({ id: UNKNOWN_RECORD, table: 'expense' }), hidden: true, ...extra },
];

/** One probe per flow item of the world (drafts too) and an unknown id. */
const perItem = (ctx: Ctx, path: (id: string) => string, extra: Partial<Probe>): Probe[] => [
  ...ctx.world.items.map((item) => ({
    path: path(item.id),
    hidden: !ctx.sight.items.has(item.id),
    ...extra,
  })),
  { path: path(UNKNOWN_ITEM), hidden: true, ...extra },
];

/** One probe per file of the world and an unknown id. */
const perFile = (ctx: Ctx, path: (id: string) => string, check: Probe['check']): Probe[] => [
  ...ctx.world.files.map((file) => ({
    path: path(file.id),
    hidden: !ctx.sight.files.has(file.id),
    check,
  })),
  { path: path('file:01ZZZZZZZZZZZZZZZZZZZZZZZZ'), hidden: true },
];

/** A write called with a body it refuses, so nothing changes (whom the guard turns away: 401/403). */
const refusedWrite = (path: string, body: unknown = {}, ...statuses: number[]): Probe => ({
  path,
  body,
  check: (reply) => statusIs(reply, ...(statuses.length ? statuses : [400])),
});

/** The item ids an inbox box must hold for the caller, from the world's definition. */
function boxOf(ctx: Ctx, box: string): string[] | undefined {
  const me = ctx.sight.person?.id ?? '';
  const items = ctx.world.items;
  if (box === 'draft')
    return items.filter((i) => i.status === 'draft' && i.initiator === me).map((i) => i.id);
  if (box === 'submitted')
    return items.filter((i) => i.stage !== undefined && i.initiator === me).map((i) => i.id);
  if (box === 'todo') return items.filter((i) => i.todo.has(me)).map((i) => i.id);
  if (box === 'cc') return items.filter((i) => i.cc.has(me)).map((i) => i.id);
  return undefined;
}

const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/).length - 1;

async function xlsxText(bytes: Uint8Array): Promise<{ rows: number; text: string }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const sheet = book.worksheets[0]!;
  const cells: string[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      cells.push(String(cell.value));
    });
  });
  return { rows: sheet.rowCount - 1, text: cells.join('\n') };
}

/** The summary of `byBudget`: one group per budget line (or none), with count and sum. */
function expectedGroups(ctx: Ctx) {
  const groups = new Map<string, { n: number; sum: number }>();
  for (const record of recordsIn(ctx.world, 'expense')) {
    if (!ctx.sight.records.has(record.id)) continue;
    const key = record.budget ?? 'none';
    const group = groups.get(key) ?? { n: 0, sum: 0 };
    groups.set(key, { n: group.n + 1, sum: group.sum + record.amountCents });
  }
  return groups;
}

const viewTable: Record<string, TableId> = {
  expenses: 'expense',
  byBudget: 'expense',
  budgets: 'budget',
};

/** Route (`METHOD /api/path/{param}` as the document names it) → how it is checked. */
export const ROUTES: Readonly<Record<string, RouteCheck>> = {
  // --- public and holding no stored data: called by everyone, answers must hold nothing
  'GET /api/health': {
    how: 'public liveness',
    probes: () => [{ path: '/api/health', check: ok(200) }],
  },
  'GET /api/platform': {
    how: 'public plugin list',
    probes: () => [{ path: '/api/platform', check: ok(200) }],
  },
  'POST /api/packs/validate': {
    how: 'public, checks the body only',
    probes: () => [{ path: '/api/packs/validate', body: {}, check: (r) => statusIs(r, 200, 400) }],
  },
  'POST /api/apps/validate': {
    how: 'public, checks the body only',
    probes: () => [{ path: '/api/apps/validate', body: {}, check: (r) => statusIs(r, 200, 400) }],
  },
  'POST /api/expressions/check': {
    how: 'public, checks the body only',
    probes: () => [{ path: '/api/expressions/check', body: { source: '1 + 1' }, check: ok(200) }],
  },
  'POST /api/apps/types': {
    how: 'public, types of the posted definition only',
    probes: () => [{ path: '/api/apps/types', body: {}, check: (r) => statusIs(r, 200, 400) }],
  },
  'GET /api/openapi.json': {
    how: 'public document',
    probes: () => [{ path: '/api/openapi.json', check: ok(200) }],
  },
  'GET /api/reference': {
    how: 'public page',
    probes: () => [{ path: '/api/reference', check: ok(200) }],
  },
  'GET /api/reference/assets/{file}': {
    how: 'public assets; an unknown one is a 404',
    probes: () => [{ path: '/api/reference/assets/nope.js', check: (r) => statusIs(r, 404) }],
  },
  'GET /api/public/forms/{app}/{publicForm}': {
    how: 'public forms: the app publishes none, so 404 for everyone',
    probes: () => [{ path: `/api/public/forms/${APP}/nope`, check: (r) => statusIs(r, 404) }],
  },
  'POST /api/public/forms/{app}/{publicForm}/submissions': {
    how: 'public forms: the app publishes none, so 404 for everyone',
    probes: () => [
      {
        path: `/api/public/forms/${APP}/nope/submissions`,
        body: { values: {} },
        check: (r) => statusIs(r, 404, 400),
      },
    ],
  },
  'GET /api/public/receipts/{receipt}': {
    how: 'public receipts: an unknown one is a 404',
    probes: () => [{ path: '/api/public/receipts/nope', check: (r) => statusIs(r, 404, 400) }],
  },

  // --- accounts: the caller's own
  'POST /api/auth/login': {
    how: 'public sign-in; a wrong password is a 401 telling nothing',
    probes: () => [
      {
        path: '/api/auth/login',
        // a password too long to be anyone's is refused without hashing (the suite stays quick)
        body: { username: 'nobody-here', password: 'x'.repeat(300) },
        check: (r) => statusIs(r, 401, 429),
      },
    ],
  },
  'POST /api/auth/logout': {
    how: "ends the caller's own session only: called anonymously (401); a signed-in call would end the session the other checks use",
    probes: ({ sight }) => (sight.person ? [] : [{ path: '/api/auth/logout', body: {} }]),
  },
  'GET /api/auth/me': {
    how: 'the caller themselves',
    probes: ({ sight }) => [
      {
        path: '/api/auth/me',
        check: (r) =>
          statusIs(r, 200) ?? (r.text.includes(sight.person!.id) ? undefined : 'not me'),
      },
    ],
  },
  'POST /api/auth/password': {
    how: "the caller's own password; a wrong current one changes nothing",
    probes: () => [
      {
        path: '/api/auth/password',
        body: { current: 'x'.repeat(300), next: 'another long password' },
        check: (r) => statusIs(r, 400, 401, 403, 429),
      },
    ],
  },
  'GET /api/auth/tokens': {
    how: "the caller's own tokens only",
    probes: ({ world, sight }) => [
      {
        path: '/api/auth/tokens',
        check: ok(200, (json) =>
          idsOf(json).includes(world.token) === (sight.person === world.people[1])
            ? undefined
            : "token list is not the caller's own",
        ),
      },
    ],
  },
  'POST /api/auth/tokens': {
    how: 'makes a token of the caller; called with a refused body',
    probes: () => [refusedWrite('/api/auth/tokens', {})],
  },
  'DELETE /api/auth/tokens/{id}': {
    how: "someone else's token is a 404; the owner's is not deleted",
    probes: ({ world, sight }) => [
      ...(sight.person === world.people[1]
        ? []
        : [{ path: `/api/auth/tokens/${world.token}`, check: (r: Reply) => statusIs(r, 404) }]),
      { path: '/api/auth/tokens/token:nope', check: (r) => statusIs(r, 404) },
    ],
  },

  // --- administration: admins only (403 for others by the guard rule)
  'GET /api/users': { how: 'admins only', probes: () => [{ path: '/api/users', check: ok(200) }] },
  'POST /api/users': {
    how: 'admins only; refused body',
    probes: () => [refusedWrite('/api/users')],
  },
  'GET /api/users/{id}': {
    how: 'admins only',
    probes: ({ world }) => [{ path: `/api/users/${world.people[2]!.id}`, check: ok(200) }],
  },
  'PATCH /api/users/{id}': {
    how: 'admins only; refused body',
    probes: ({ world }) => [refusedWrite(`/api/users/${world.people[2]!.id}`, { roles: 'nope' })],
  },
  'POST /api/users/{id}/password': {
    how: 'admins only; refused body',
    probes: ({ world }) => [refusedWrite(`/api/users/${world.people[2]!.id}/password`)],
  },
  'GET /api/departments': {
    how: 'the organisation, open to everyone signed in',
    probes: () => [{ path: '/api/departments', check: ok(200) }],
  },
  'POST /api/departments': {
    how: 'admins only; refused body',
    probes: () => [refusedWrite('/api/departments')],
  },
  'GET /api/departments/{id}': {
    how: 'the organisation, open to everyone signed in',
    probes: ({ world }) => [
      { path: `/api/departments/${world.departments[1]}`, check: ok(200) },
      { path: '/api/departments/department:nope', check: (r) => statusIs(r, 404) },
    ],
  },
  'PATCH /api/departments/{id}': {
    how: 'admins only; refused body',
    probes: ({ world }) => [refusedWrite(`/api/departments/${world.departments[1]}`, { head: 7 })],
  },
  'DELETE /api/departments/{id}': {
    how: 'admins only; an unknown id',
    probes: () => [refusedWrite('/api/departments/department:nope', undefined, 404, 400)],
  },
  'GET /api/departments/{id}/members': {
    how: 'the organisation, open to everyone signed in',
    probes: ({ world }) => [
      { path: `/api/departments/${world.departments[0]}/members`, check: ok(200) },
    ],
  },
  'GET /api/positions': {
    how: 'the organisation',
    probes: () => [{ path: '/api/positions', check: ok(200) }],
  },
  'POST /api/positions': {
    how: 'admins only; refused body',
    probes: () => [refusedWrite('/api/positions')],
  },
  'PATCH /api/positions/{id}': {
    how: 'admins only; an unknown id',
    probes: () => [refusedWrite('/api/positions/position:nope', { name: 'x' }, 404, 400)],
  },
  'DELETE /api/positions/{id}': {
    how: 'admins only; an unknown id',
    probes: () => [refusedWrite('/api/positions/position:nope', undefined, 404, 400)],
  },
  'POST /api/import/users': {
    how: 'admins only; refused body',
    probes: () => [refusedWrite('/api/import/users', {}, 400, 415)],
  },
  'POST /api/import/departments': {
    how: 'admins only; refused body',
    probes: () => [refusedWrite('/api/import/departments', {}, 400, 415)],
  },
  'GET /api/audit': {
    how: 'admins only (the whole log)',
    probes: ({ world }) => [{ path: `/api/audit?subject=${world.records[0]!.id}`, check: ok(200) }],
  },
  'GET /api/webhooks': {
    how: 'admins only',
    probes: () => [{ path: '/api/webhooks', check: ok(200) }],
  },
  'POST /api/webhooks': {
    how: 'admins only; refused body',
    probes: () => [refusedWrite('/api/webhooks')],
  },
  'GET /api/webhooks/{id}': {
    how: 'admins only; unknown id',
    probes: () => [{ path: '/api/webhooks/webhook:nope', check: (r) => statusIs(r, 404) }],
  },
  'PATCH /api/webhooks/{id}': {
    how: 'admins only; unknown id',
    probes: () => [refusedWrite('/api/webhooks/webhook:nope', { active: false }, 404, 400)],
  },
  'DELETE /api/webhooks/{id}': {
    how: 'admins only; unknown id',
    probes: () => [refusedWrite('/api/webhooks/webhook:nope', undefined, 404, 400)],
  },
  'POST /api/webhooks/{id}/secret': {
    how: 'admins only; unknown id',
    probes: () => [refusedWrite('/api/webhooks/webhook:nope/secret', {}, 404, 400)],
  },
  'GET /api/webhooks/{id}/deliveries': {
    how: 'admins only; unknown id',
    probes: () => [
      { path: '/api/webhooks/webhook:nope/deliveries', check: (r) => statusIs(r, 404) },
    ],
  },
  'POST /api/webhooks/{id}/deliveries/{deliveryId}/retry': {
    how: 'admins only; unknown ids',
    probes: () => [refusedWrite('/api/webhooks/webhook:nope/deliveries/nope/retry', {}, 404, 400)],
  },
  'GET /api/packs': {
    how: 'admins and implementers',
    probes: () => [{ path: '/api/packs', check: ok(200) }],
  },
  'POST /api/packs/uploads': {
    how: 'admins and implementers; an empty upload',
    probes: () => [
      {
        path: '/api/packs/uploads',
        form: () => new FormData(),
        check: (r) => statusIs(r, 400, 415),
      },
    ],
  },
  'GET /api/packs/{name}/screenshot': {
    how: 'admins and implementers; unknown pack',
    probes: () => [{ path: '/api/packs/nope/screenshot', check: (r) => statusIs(r, 404) }],
  },
  'POST /api/packs/{name}/install': {
    how: 'admins and implementers; unknown pack',
    probes: () => [refusedWrite('/api/packs/nope/install', {}, 404, 400)],
  },
  'GET /api/packs/{name}/install': {
    how: 'admins and implementers; unknown pack',
    probes: () => [{ path: '/api/packs/nope/install', check: (r) => statusIs(r, 404) }],
  },
  'POST /api/packs/{name}/upgrade/preview': {
    how: 'admins and implementers; unknown pack',
    probes: () => [refusedWrite('/api/packs/nope/upgrade/preview', {}, 404, 400)],
  },
  'POST /api/packs/{name}/upgrade': {
    how: 'admins and implementers; unknown pack',
    probes: () => [refusedWrite('/api/packs/nope/upgrade', {}, 404, 400)],
  },
  'POST /api/packs/{name}/uninstall': {
    how: 'admins and implementers; unknown pack',
    probes: () => [refusedWrite('/api/packs/nope/uninstall', {}, 404, 400)],
  },
  'GET /api/packs/{name}/export': {
    how: 'admins and implementers; unknown pack',
    probes: () => [{ path: '/api/packs/nope/export', check: (r) => statusIs(r, 404) }],
  },

  // --- app definitions: no records in them
  'GET /api/apps': {
    how: 'definitions only',
    probes: () => [{ path: '/api/apps', check: ok(200) }],
  },
  'POST /api/apps': { how: 'designers; refused body', probes: () => [refusedWrite('/api/apps')] },
  'GET /api/apps/{id}': {
    how: 'definitions only',
    probes: () => [
      { path: A, check: ok(200) },
      { path: '/api/apps/nope', check: (r) => statusIs(r, 404) },
    ],
  },
  'PUT /api/apps/{id}/draft': {
    how: 'designers; refused body',
    probes: () => [refusedWrite(`${A}/draft`)],
  },
  'POST /api/apps/{id}/publish': {
    how: 'designers; an unknown app (publishing ours would change the world)',
    probes: () => [refusedWrite('/api/apps/nope/publish', {}, 404)],
  },
  'GET /api/apps/{id}/versions': {
    how: 'definitions only',
    probes: () => [{ path: `${A}/versions`, check: ok(200) }],
  },
  'GET /api/apps/{id}/versions/{version}': {
    how: 'definitions only',
    probes: () => [{ path: `${A}/versions/1`, check: ok(200) }],
  },
  'GET /api/apps/{id}/versions/{version}/types': {
    how: 'definitions only',
    probes: () => [{ path: `${A}/versions/1/types`, check: ok(200) }],
  },
  'GET /api/apps/{id}/roles': {
    how: 'admins and implementers: the mapping as saved',
    probes: ({ world }) => [
      {
        path: `${A}/roles`,
        check: ok(200, (json) =>
          JSON.stringify(json.roles) === JSON.stringify(world.roles)
            ? undefined
            : `roles: ${JSON.stringify(json.roles)}`,
        ),
      },
    ],
  },
  'PUT /api/apps/{id}/roles': {
    how: 'admins and implementers; refused body',
    probes: () => [refusedWrite(`${A}/roles`)],
  },
  'GET /api/apps/{app}/views': {
    how: 'view definitions only',
    probes: () => [{ path: `${A}/views`, check: ok(200) }],
  },
  'GET /api/workspace': {
    how: 'definitions; the flow is startable exactly for members',
    probes: (ctx) => [
      {
        path: '/api/workspace',
        check: ok(200, (json) => {
          const app = (
            json.apps as { id: string; flows: { id: string; startable: boolean }[] }[]
          ).find((one) => one.id === APP);
          const startable = app?.flows.find((flow) => flow.id === 'claim')?.startable;
          return startable === member(ctx) ? undefined : `startable: ${startable}`;
        }),
      },
    ],
  },
  'GET /api/directory/users': {
    how: 'colleagues, open to everyone signed in',
    probes: () => [{ path: '/api/directory/users?q=w', check: ok(200) }],
  },

  // --- records
  'GET /api/apps/{app}/tables/{table}/records': {
    how: 'exactly the records of the row scope',
    probes: (ctx) => [
      ...(['expense', 'budget'] as const).map((table) => ({
        path: `${A}/tables/${table}/records?limit=100`,
        check: ok(200, (json) => sameSet(`${table} records`, idsOf(json), readable(ctx, table))),
      })),
      { path: `${A}/tables/nope/records`, check: (r: Reply) => statusIs(r, 404) },
    ],
  },
  'POST /api/apps/{app}/tables/{table}/records': {
    how: 'members only (403 otherwise); a refused body creates nothing',
    probes: (ctx) => [
      {
        path: `${A}/tables/budget/records`,
        body: { values: {} },
        check: (r) => statusIs(r, member(ctx) ? 400 : 403),
      },
    ],
  },
  'GET /api/apps/{app}/tables/{table}/records/{id}': {
    how: 'a record of the row scope; any other is a 404, also at the wrong table',
    probes: (ctx) => [
      ...perRecord(
        ctx,
        (record) => `${A}/tables/${record.table}/records/${record.id}`,
        (record) =>
          ok(200, (json) => (json.id === record.id ? undefined : `another record: ${json.id}`)),
      ),
      ...ctx.world.records.slice(0, 1).map((record) => ({
        path: `${A}/tables/expense/records/${record.id}`,
        hidden: true,
      })),
    ],
  },
  'PATCH /api/apps/{app}/tables/{table}/records/{id}': {
    how: 'outside the row scope a 404; inside, a stale revision changes nothing',
    probes: (ctx) =>
      perRecord(
        ctx,
        (record) => `${A}/tables/${record.table}/records/${record.id}`,
        () => (r) => statusIs(r, 409),
        { body: { _rev: '1-stale', values: {} } },
      ),
  },
  'DELETE /api/apps/{app}/tables/{table}/records/{id}': {
    how: 'outside the row scope a 404; inside, a stale revision deletes nothing',
    probes: (ctx) =>
      perRecord(
        ctx,
        (record) => `${A}/tables/${record.table}/records/${record.id}?rev=1-stale`,
        () => (r) => statusIs(r, 409),
      ),
  },
  'GET /api/records/{id}/audit': {
    how: 'the history of a record of the row scope, else 404',
    probes: (ctx) =>
      perRecord(
        ctx,
        (record) => `/api/records/${record.id}/audit`,
        () => ok(200, (json) => ((json.items as unknown[]).length > 0 ? undefined : 'no history')),
      ),
  },
  'GET /api/apps/{app}/records/{id}/related': {
    how: 'records linking here, counted and listed within the row scope; outside it a 404',
    probes: (ctx) =>
      perRecord(
        ctx,
        (record) => `${A}/records/${record.id}/related`,
        (record) =>
          ok(200, (json) => {
            const groups = json.groups as { total: number; records: { id: string }[] }[];
            const linking = recordsIn(ctx.world, 'expense').filter(
              (one) => one.budget === record.id && ctx.sight.records.has(one.id),
            );
            if (record.table === 'expense')
              return groups.length === 0 ? undefined : 'groups for an expense';
            const group = groups[0];
            return (
              (group?.total === linking.length
                ? undefined
                : `total ${group?.total}, expected ${linking.length}`) ??
              sameSet(
                'related',
                group?.records.map((one) => one.id) ?? [],
                linking.map((one) => one.id),
              )
            );
          }),
      ),
  },
  'POST /api/apps/{app}/tables/{table}/import': {
    how: 'members only; a dry run refuses a link to a record outside the scope as it refuses an unknown id',
    probes: (ctx) => {
      const hidden = recordsIn(ctx.world, 'budget').find((one) => !ctx.sight.records.has(one.id));
      const csv = `title,amount,budgetLine\nfirst,1.00,${hidden?.id ?? UNKNOWN_RECORD}\nsecond,1.00,${UNKNOWN_RECORD}\n`;
      return [
        {
          path: `${A}/tables/expense/import`,
          echoes: csv,
          form: () => {
            const form = new FormData();
            form.append('file', new File([csv], 'rows.csv', { type: 'text/csv' }));
            return form;
          },
          check: (r) => {
            if (!member(ctx)) return statusIs(r, 403);
            const wrong = statusIs(r, 200);
            if (wrong) return wrong;
            const rows = (r.json as { rows: { issues: { message: string }[] }[] }).rows;
            const said = rows.map((row) =>
              JSON.stringify(row.issues)
                .replaceAll(hidden?.id ?? UNKNOWN_RECORD, '#')
                .replaceAll(UNKNOWN_RECORD, '#'),
            );
            return said[0] === said[1]
              ? undefined
              : `a hidden link is told apart: ${said.join(' / ')}`;
          },
        },
      ];
    },
  },

  // --- views
  'GET /api/apps/{app}/views/{view}/rows': {
    how: 'exactly the rows of the row scope, and their total',
    probes: (ctx) => [
      ...Object.entries(viewTable).map(([view, table]) => ({
        path: `${A}/views/${view}/rows?limit=100`,
        check: ok(200, (json) => {
          const expected = readable(ctx, table);
          return (
            sameSet(`${view} rows`, idsOf(json), expected) ??
            (json.total === expected.length
              ? undefined
              : `total ${json.total}, expected ${expected.length}`)
          );
        }),
      })),
      { path: `${A}/views/nope/rows`, check: (r: Reply) => statusIs(r, 404) },
      // searching finds a record in the scope by its title, and nothing only a hidden one holds
      ...recordsIn(ctx.world, 'expense')
        .filter((record) => ctx.sight.records.has(record.id))
        .slice(0, 1)
        .map((record) => ({
          path: `${A}/views/expenses/rows?q=${record.marker}`,
          check: ok(200, (json) =>
            sameSet(`a search for ${record.marker}`, idsOf(json), [record.id]),
          ),
        })),
      ...ctx.world.records
        .filter((record) => !ctx.sight.known.has(record.id))
        .map((record) => ({
          path: `${A}/views/expenses/rows?q=${record.marker}`,
          check: ok(200, (json) =>
            json.total === 0 ? undefined : `a search for ${record.marker} finds ${json.total}`,
          ),
        })),
    ],
  },
  'GET /api/apps/{app}/views/{view}/summary': {
    how: 'group counts and sums over the row scope only; a hidden budget line is never named',
    probes: (ctx) => [
      {
        path: `${A}/views/byBudget/summary`,
        check: ok(200, (json) => {
          const groups = json.groups as {
            key: { budgetLine: string | null };
            aggregates: { n: number; sum: string };
          }[];
          const seen = groups.map(
            (group) =>
              `${group.key.budgetLine ?? 'none'}=${group.aggregates.n}/${cents(group.aggregates.sum)}`,
          );
          const expected = [...expectedGroups(ctx)].map(
            ([key, group]) => `${key}=${group.n}/${group.sum}`,
          );
          const totals = json.totals as { n: number; sum: string };
          const all = [...expectedGroups(ctx).values()];
          const n = all.reduce((sum, group) => sum + group.n, 0);
          const sum = all.reduce((total, group) => total + group.sum, 0);
          return (
            sameSet('groups', seen, expected) ??
            (totals.n === n && cents(totals.sum) === sum
              ? undefined
              : `totals ${JSON.stringify(totals)}`)
          );
        }),
      },
      ...(['expenses', 'budgets'] as const).map((view) => ({
        path: `${A}/views/${view}/summary`,
        check: ok(200, (json) => {
          const expected = readable(ctx, viewTable[view]!).length;
          return json.count === expected ? undefined : `count ${json.count}, expected ${expected}`;
        }),
      })),
    ],
  },
  'GET /api/apps/{app}/views/{view}/export': {
    how: 'CSV of each view and Excel of one hold the rows of the row scope only',
    probes: (ctx) => [
      ...Object.entries(viewTable).map(([view, table]) => ({
        path: `${A}/views/${view}/export?format=csv`,
        check: (r: Reply) => {
          const expected = readable(ctx, table).length;
          const rows = csvRows(r.text);
          return (
            statusIs(r, 200) ??
            (rows === expected ? undefined : `${rows} rows, expected ${expected}`)
          );
        },
      })),
      {
        // Excel is slow to write and read: one view of it shows the same rows
        path: `${A}/views/expenses/export?format=xlsx`,
        check: async (r: Reply) => {
          const wrong = statusIs(r, 200);
          if (wrong) return wrong;
          const expected = readable(ctx, 'expense').length;
          const { rows, text } = await xlsxText(r.bytes);
          return [
            ...(rows === expected ? [] : [`${rows} rows, expected ${expected}`]),
            ...leaksIn(text, ctx.world, ctx.sight).map((leak) => `the workbook holds ${leak}`),
          ];
        },
      },
    ],
  },

  // --- flows
  'POST /api/apps/{app}/flows/{flow}/items': {
    how: 'members only: others get 403 for a valid draft; members a 400 for a refused body',
    probes: (ctx) => [
      member(ctx)
        ? { path: `${A}/flows/claim/items`, body: { values: {} }, check: (r) => statusIs(r, 400) }
        : {
            path: `${A}/flows/claim/items`,
            body: { values: { title: 'not mine to start', amount: '1.00' }, submit: false },
            check: (r) => statusIs(r, 403),
          },
    ],
  },
  'GET /api/flow-items/{id}': {
    how: 'drafts their drafter only; others the people on them, admins, the row scope; else 404',
    probes: (ctx) =>
      perItem(ctx, (id) => `/api/flow-items/${id}`, {
        check: ok(200),
      }),
  },
  'POST /api/flow-items/{id}/commands': {
    how: 'authorised as a read (404 when hidden); an approval of no task changes nothing',
    probes: (ctx) =>
      perItem(ctx, (id) => `/api/flow-items/${id}/commands`, {
        body: { type: 'approve', task: 'task:nope' },
        // the item is there for them: the refusal is about the task, never item_not_found
        check: (r) =>
          r.status >= 400 &&
          (r.json as { error?: { code?: string } })?.error?.code !== 'item_not_found'
            ? undefined
            : `answered ${r.status} ${r.text.slice(0, 200)}`,
      }),
  },
  'GET /api/inbox': {
    how: "each box holds exactly the caller's own entries; of an item they may not open now, nothing of its record",
    probes: (ctx) => [
      ...['draft', 'todo', 'done', 'submitted', 'cc'].map((box) => ({
        path: `/api/inbox?box=${box}&limit=100`,
        check: ok(200, (json) => {
          const seen = (json.items as { instance: string }[]).map((entry) => entry.instance);
          const expected = boxOf(ctx, box);
          if (expected) return sameSet(`${box} box`, seen, expected);
          const me = ctx.sight.person!.id;
          const mine = ctx.world.items
            .filter((item) => item.initiator === me || item.onItem.has(me))
            .map((item) => item.id);
          return seen.every((id) => mine.includes(id)) ? undefined : `${box} holds others' items`;
        }),
      })),
      // a search matches only titles the caller may read: never a way to test a hidden one
      ...['done', 'cc'].map((box) => ({
        path: `/api/inbox?box=${box}&q=MK${ctx.world.index}R&limit=100`,
        check: ok(200, (json) => {
          const found = (json.items as { instance: string }[]).map((entry) => entry.instance);
          const hidden = found.filter((id) => !ctx.sight.items.has(id));
          return hidden.length === 0 ? undefined : `a search finds hidden titles of ${hidden}`;
        }),
      })),
    ],
  },
  'GET /api/inbox/counts': {
    how: "the counts of the caller's own boxes",
    probes: (ctx) => [
      {
        path: '/api/inbox/counts',
        check: ok(200, (json) => {
          const expected = {
            todo: boxOf(ctx, 'todo')!.length,
            overdue: 0,
            draft: boxOf(ctx, 'draft')!.length,
            ccUnread: boxOf(ctx, 'cc')!.length,
          };
          return JSON.stringify(json) === JSON.stringify(expected)
            ? undefined
            : `counts ${JSON.stringify(json)}, expected ${JSON.stringify(expected)}`;
        }),
      },
    ],
  },
  'POST /api/apps/{app}/flows/{flow}/simulate': {
    how: 'designers; stores nothing',
    probes: () => [
      {
        path: `${A}/flows/claim/simulate`,
        body: { values: { title: 'simulated', amount: '1.00' } },
        check: ok(200),
      },
    ],
  },
  'GET /api/apps/{app}/flows/{flow}/analytics': {
    how: 'designers: counts every submitted item',
    probes: ({ world }) => [
      {
        path: `${A}/flows/claim/analytics`,
        check: ok(200, (json) => {
          const count = (json.flows as { count: number }[])[0]?.count ?? 0;
          const expected = world.items.filter((item) => item.stage !== undefined).length;
          return count === expected ? undefined : `count ${count}, expected ${expected}`;
        }),
      },
    ],
  },
  'GET /api/notices': {
    how: "the caller's own notices, about items they are on",
    probes: (ctx) => [
      {
        path: '/api/notices?limit=100',
        check: ok(200, (json) => {
          const me = ctx.sight.person!.id;
          const mine = new Set(
            ctx.world.items
              .filter((item) => item.initiator === me || item.onItem.has(me))
              .map((item) => item.id),
          );
          const stray = (json.items as { id: string; instance?: string }[]).filter(
            (notice) => !mine.has(notice.instance ?? '') || ctx.notices.get(notice.id) !== me,
          );
          return stray.length === 0 ? undefined : `notices not mine: ${JSON.stringify(stray)}`;
        }),
      },
    ],
  },
  'POST /api/notices/{id}/read': {
    how: "someone else's notice is a 404",
    probes: (ctx) => [
      ...[...ctx.notices]
        .filter(([, owner]) => owner !== ctx.sight.person?.id)
        .map(([id]) => ({
          path: `/api/notices/${id}/read`,
          body: {},
          check: (r: Reply) => statusIs(r, 404),
        })),
      { path: '/api/notices/notice:nope/read', body: {}, check: (r: Reply) => statusIs(r, 404) },
    ],
  },

  // --- offline sync
  'POST /api/sync/pull': {
    how: 'the working set holds only items the caller may open',
    probes: (ctx) => [
      {
        path: '/api/sync/pull',
        body: { known: {} },
        check: ok(200, (json) => {
          const items = (json.docs as { kind: string; id: string }[])
            .filter((doc) => doc.kind === 'item')
            .map((doc) => doc.id.slice('item:'.length));
          const stray = items.filter((id) => !ctx.sight.items.has(id));
          return stray.length === 0 ? undefined : `items beyond the caller: ${stray}`;
        }),
      },
    ],
  },
  'POST /api/sync/push': {
    how: 'queued commands are authorised as online: a hidden item is item_not_found, a non-member create is refused',
    probes: (ctx) => [
      {
        path: '/api/sync/push',
        body: {
          commands: [
            ...ctx.world.items.map((item, n) => ({
              id: `probe-${n}`,
              kind: 'command',
              item: item.id,
              command: { type: 'approve', task: 'task:nope' },
            })),
            { id: 'probe-create', kind: 'create', app: APP, table: 'budget', values: {} },
          ],
        },
        check: ok(200, (json) => {
          const results = json.results as {
            id: string;
            status: string;
            error?: { code: string };
          }[];
          const problems: string[] = [];
          for (const [n, item] of ctx.world.items.entries()) {
            const result = results.find((one) => one.id === `probe-${n}`);
            const hidden = !ctx.sight.items.has(item.id);
            if (result?.status === 'applied') problems.push(`command on ${item.id} applied`);
            if (hidden !== (result?.error?.code === 'item_not_found'))
              problems.push(`command on ${item.id}: ${JSON.stringify(result)}`);
          }
          const create = results.find((one) => one.id === 'probe-create');
          if (create?.status !== 'rejected') problems.push(`create: ${JSON.stringify(create)}`);
          if ((create?.error?.code === 'forbidden') === member(ctx))
            problems.push(`create refused as ${create?.error?.code}`);
          return problems;
        }),
      },
    ],
  },

  // --- files
  'POST /api/apps/{app}/tables/{table}/fields/{field}/files': {
    how: 'members only (403 otherwise); a file of a refused type stores nothing',
    probes: (ctx) => [
      {
        path: `${A}/tables/expense/fields/receipt/files`,
        form: () => pdfForm('note.txt', 16, 'text/plain'),
        check: (r) =>
          member(ctx)
            ? r.status >= 400 && r.status !== 403
              ? undefined
              : `answered ${r.status}`
            : statusIs(r, 403),
      },
    ],
  },
  'GET /api/files/{id}': {
    how: 'its uploader until attached, then whoever reads the record; else 404',
    probes: (ctx) =>
      perFile(
        ctx,
        (id) => `/api/files/${id}`,
        (r) => statusIs(r, 200),
      ),
  },
  'GET /api/files/{id}/meta': {
    how: 'as the bytes',
    probes: (ctx) => perFile(ctx, (id) => `/api/files/${id}/meta`, ok(200)),
  },
};
