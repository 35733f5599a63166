import { claimId, type PouchStorage, type StoragePort } from '@tessera/runtime';
import type { Hono } from 'hono';
import { ensureFirstAdmin } from '../src/accounts/first-admin.ts';
import { type ApiEnv, createApp } from '../src/index.ts';
import { call, type Session, signIn } from './accounts-helpers.ts';
import { makeStorage, testPlatform } from './helpers.ts';
import { assetPack } from './packs-helpers.ts';
import { afterSalesApp } from './public-forms-helpers.ts';
import { recordsApp } from './records-helpers.ts';
import { spendApp } from './spend-app.ts';
import { exampleLookup } from './webhooks-helpers.ts';

/** Every world's clock: fixed, so no session or cache runs out while the fuzz runs. */
const NOW = Date.parse('2026-03-02T08:00:00.000Z');
export const PASSWORD = 'correct horse battery';

/** The real ids a fuzz case may aim at, by what they name. */
export interface WorldIds {
  readonly users: readonly string[];
  readonly departments: readonly string[];
  readonly positions: readonly string[];
  readonly tokens: readonly string[];
  readonly webhooks: readonly string[];
  readonly deliveries: readonly string[];
  readonly items: readonly string[];
  readonly tasks: readonly string[];
  readonly notices: readonly string[];
  readonly packs: readonly string[];
  /** app id → its tables (with record ids and attachment fields), flows and public forms. */
  readonly apps: Readonly<Record<string, AppIds>>;
}

export interface AppIds {
  readonly tables: Readonly<
    Record<string, { readonly records: readonly string[]; readonly files: readonly string[] }>
  >;
  readonly flows: readonly string[];
  readonly publicForms: readonly string[];
  /** Field values a create or patch in this app would plausibly send, by table. */
  readonly values: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/** A built world: its storage dumped, so each route gets a fresh copy in a few milliseconds. */
export interface FuzzWorld {
  readonly documents: readonly Record<string, unknown>[];
  readonly admin: Session;
  /** A plain user: staff in sales, head of sales, holds a task and a notice. */
  readonly user: Session;
  readonly ids: WorldIds;
}

/** A running copy of the world: its own storage and app, and every write the app made. */
export interface WorldCopy {
  readonly app: Hono<ApiEnv>;
  readonly storage: PouchStorage;
  /** `create <id>`, `update <id>`, `remove <id>`: each write that reached the storage, in order. */
  readonly writes: string[];
}

const appOf = (storage: StoragePort): Hono<ApiEnv> =>
  createApp({
    platform: testPlatform,
    storage,
    now: () => NOW,
    webhooks: { lookup: exampleLookup },
  });

/** A fresh app over a copy of the world's documents (sessions included, so cookies still work). */
export async function copyWorld(world: FuzzWorld): Promise<WorldCopy> {
  const storage = await makeStorage();
  await storage.load(world.documents as never);
  const writes: string[] = [];
  return { app: appOf(journaled(storage, writes)), storage, writes };
}

/** The storage with every successful write noted in `writes`: a cheap "did anything change?". */
function journaled(storage: PouchStorage, writes: string[]): StoragePort {
  return {
    ...storage,
    async create(doc, options) {
      const written = await storage.create(doc, options);
      // a keyed create also writes the key's claim document (runtime idempotent-create.ts)
      const key = options?.idempotencyKey;
      if (key !== undefined) writes.push(`create ${await claimId(key)}`);
      writes.push(`create ${written.id}`);
      return written;
    },
    async createMany(docs) {
      const results = await storage.createMany(docs);
      for (const one of results) if (!(one instanceof Error)) writes.push(`create ${one.id}`);
      return results;
    },
    async update(doc) {
      const written = await storage.update(doc);
      writes.push(`update ${written.id}`);
      return written;
    },
    async mutate(id, change, options) {
      const written = await storage.mutate(id, change, options);
      if (written) writes.push(`update ${written.id}`);
      return written;
    },
    async remove(id, rev) {
      await storage.remove(id, rev);
      writes.push(`remove ${id}`);
    },
  };
}

type Json = Record<string, unknown>;

const RECORDS = (app: string, table: string) => `/api/apps/${app}/tables/${table}/records`;

/**
 * Builds the world once: three published apps (records, a spending flow, public forms), four
 * people in two departments, a position, API tokens, a webhook with deliveries, a flow item
 * waiting on the plain user, a notice for them, and an uploaded pack installed.
 */
export async function buildWorld(): Promise<FuzzWorld> {
  const storage = await makeStorage();
  const first = await ensureFirstAdmin({ storage, now: () => NOW });
  if (!first.created) throw new Error('a fresh storage made no first admin');
  const app = appOf(storage);
  const admin = await signIn(app, first.username, first.password);
  const must = async (
    as: Session | undefined,
    method: string,
    path: string,
    body: unknown,
    status = 201,
  ): Promise<Json> => {
    const answer = await call(app, method, path, { ...(as ? { as } : {}), body });
    if (answer.status !== status) {
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    }
    return answer.json;
  };
  const sales = String((await must(admin, 'POST', '/api/departments', { name: '华东销售部' })).id);
  const finance = String((await must(admin, 'POST', '/api/departments', { name: 'Finance' })).id);
  const clerk = String((await must(admin, 'POST', '/api/positions', { name: 'Clerk' })).id);
  const person = async (username: string, department: string, extra: Json = {}) => {
    const made = await must(admin, 'POST', '/api/users', {
      username,
      password: PASSWORD,
      roles: ['user'],
      department,
      ...extra,
    });
    return String(made.id);
  };
  const aliceId = await person('alice', sales);
  const bossId = await person('boss', sales);
  const finId = await person('fin', finance);
  const carolId = await person('carol', sales, { position: clerk, manager: bossId });
  const alice = await signIn(app, 'alice', PASSWORD);
  const boss = await signIn(app, 'boss', PASSWORD);
  const fin = await signIn(app, 'fin', PASSWORD);
  const head = await call(app, 'GET', `/api/departments/${sales}`, { as: admin });
  await must(
    admin,
    'PATCH',
    `/api/departments/${sales}`,
    { _rev: head.json._rev, head: bossId },
    200,
  );
  const tokens = [
    String((await must(admin, 'POST', '/api/auth/tokens', { name: 'admin tool' })).id),
    String((await must(boss, 'POST', '/api/auth/tokens', { name: 'boss tool' })).id),
  ];
  const webhook = String(
    (
      await must(admin, 'POST', '/api/webhooks', {
        url: 'https://hooks.example/tessera',
        events: ['record.created', 'flow.submitted', 'task.created'],
      })
    ).id,
  );

  for (const definition of [recordsApp(), spendApp(), afterSalesApp()]) {
    await must(admin, 'POST', '/api/apps', definition);
    await must(admin, 'POST', `/api/apps/${String(definition.id)}/publish`, {});
  }
  const roles = async (appId: string, body: Json) =>
    must(admin, 'PUT', `/api/apps/${appId}/roles`, body, 200);
  await roles('contracts', {
    roles: { legal: { departments: [sales] }, director: { users: [finId] } },
    rows: { contract: { legal: 'department', director: 'all' } },
  });
  await roles('spend', {
    roles: {
      staff: { departments: [sales] },
      finance: { users: [finId] },
      director: { users: [finId] },
    },
    rows: { expense: { staff: 'own', finance: 'all' }, budget: { finance: 'all', staff: 'all' } },
  });
  await roles('aftersales', {
    roles: { service: { users: [bossId] } },
    rows: { request: { service: 'all' }, note: { service: 'all' } },
  });

  const contract = (title: string) => ({ title, amount: '1200.50', owner: 'zhang.wei' });
  const contracts = [
    String(
      (await must(boss, 'POST', RECORDS('contracts', 'contract'), { values: contract('A') })).id,
    ),
    String(
      (await must(alice, 'POST', RECORDS('contracts', 'contract'), { values: contract('B') })).id,
    ),
  ];
  const budget = String(
    (
      await must(fin, 'POST', RECORDS('spend', 'budget'), {
        values: { name: 'Q4 travel', total: '1000.00', used: '0.00', remaining: '1000.00' },
      })
    ).id,
  );
  const expense = { title: '出差', amount: '100.00', budgetLine: budget };
  const item = await must(alice, 'POST', '/api/apps/spend/flows/expense/items', {
    values: expense,
  });
  const itemId = String(item.id);
  await must(alice, 'POST', `/api/flow-items/${itemId}/commands`, { type: 'urge' }, 200);
  const opened = await call(app, 'GET', `/api/flow-items/${itemId}`, { as: boss });
  const tasks = (opened.json.mine as { id: string }[]).map((task) => task.id);
  const notices = await call(app, 'GET', '/api/notices', { as: boss });
  const noticeIds = (notices.json.items as { id: string }[]).map((notice) => notice.id);
  const expenseRecord = String((opened.json.record as Json | undefined)?.id ?? '');
  const deliveries = await call(app, 'GET', `/api/webhooks/${webhook}/deliveries`, { as: admin });
  const deliveryIds = ((deliveries.json.items ?? []) as { id: string }[]).map((one) => one.id);
  await must(alice, 'POST', '/api/public/forms/aftersales/intake/submissions', {
    values: { title: 'The printer jams', customer: '王芳', priority: 'high' },
  });

  const uploaded = await must(admin, 'POST', '/api/packs/uploads', assetPack('1.0.0'));
  const pack = String((uploaded.pack as Json | undefined)?.name ?? 'asset-register');
  await must(admin, 'POST', `/api/packs/${pack}/install`, { roles: {} }, 202);
  await settle(storage);
  await must(admin, 'POST', '/api/packs/uploads', assetPack('2.0.0'));

  const documents: Record<string, unknown>[] = [];
  for await (const doc of storage.dump()) documents.push(doc);
  return {
    documents,
    admin,
    user: boss,
    ids: {
      users: [carolId, aliceId, bossId, finId, admin.user.id],
      departments: [finance, sales],
      positions: [clerk],
      tokens,
      webhooks: [webhook],
      deliveries: deliveryIds,
      items: [itemId],
      tasks,
      notices: noticeIds,
      packs: [pack, 'contract'],
      apps: {
        contracts: {
          tables: { contract: { records: contracts, files: ['scan'] } },
          flows: [],
          publicForms: [],
          values: {
            contract: [contract('Fuzzed'), { title: '', amount: '-1' }, { amount: '1e9' }],
          },
        },
        spend: {
          tables: {
            expense: { records: expenseRecord ? [expenseRecord] : [], files: [] },
            budget: { records: [budget], files: [] },
          },
          flows: ['expense', 'purchase', 'review'],
          publicForms: [],
          values: {
            expense: [expense, { title: 'x', amount: '99999999999.99' }, { note: 'n' }],
            budget: [{ name: 'Q1', total: '5.00' }, { remaining: 'abc' }],
          },
        },
        aftersales: {
          tables: { request: { records: [], files: ['photo'] }, note: { records: [], files: [] } },
          flows: ['handle', 'byHead'],
          publicForms: ['intake', 'headIntake', 'feedback', 'closed'],
          values: {
            request: [{ title: 'Broken', customer: '李雷', priority: 'low' }, { priority: 'x' }],
            note: [{ text: 'thanks' }],
          },
        },
      },
    },
  };
}

/** Every data document's id and revision: what a refused request must leave as it was. */
export async function fingerprint(storage: PouchStorage): Promise<Map<string, string>> {
  const revisions = new Map<string, string>();
  for await (const doc of storage.dump()) revisions.set(doc._id, doc._rev);
  return revisions;
}

/** Waits until the copy's app has written nothing for `quietMs` (background work is done). */
export async function settleWrites(copy: WorldCopy, quietMs: number, maxMs = 5000): Promise<void> {
  const started = Date.now();
  let seen = -1;
  while (seen !== copy.writes.length && Date.now() - started < maxMs) {
    seen = copy.writes.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/** Waits until background work a write started (a pack install, outbox effects) is done. */
async function settle(storage: PouchStorage, quietMs = 15, maxMs = 5000): Promise<void> {
  const started = Date.now();
  let last = JSON.stringify([...(await fingerprint(storage))]);
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = JSON.stringify([...(await fingerprint(storage))]);
    if (next === last) return;
    last = next;
  }
}
