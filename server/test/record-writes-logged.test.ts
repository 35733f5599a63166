import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PouchStorage } from '@tessera/runtime';
import type { Hono } from 'hono';
import { auditIdOf } from '../src/audit/audit-entry.ts';
import type { ApiEnv } from '../src/index.ts';
import { demoRecordId } from '../src/packs/pack-documents.ts';
import type { PackService } from '../src/packs/pack-service.ts';
import type { RecordFields } from '../src/records/record-document.ts';
import { auditOrder } from '../src/records/record-writer.ts';
import type { WebhookEvent } from '../src/webhooks/event-types.ts';
import { type Answer, call, type Session, signIn, startTestServer } from './accounts-helpers.ts';
import {
  act,
  budgetLine,
  type FlowWorld,
  itemOf,
  myTask,
  spendApp,
  startExpense,
  startFlowWorld,
} from './flows-helpers.ts';
import { startImportWorld, upload } from './imports-helpers.ts';
import { assetPack, packsFolder } from './packs-helpers.ts';
import { problem, startPublicWorld, submit } from './public-forms-helpers.ts';
import { exampleLookup } from './webhooks-helpers.ts';

/**
 * Every path that writes a record leaves the write's audit entry and owes webhooks its event,
 * both under the key `<id>@<rev>` (ADR 0034): each test subscribes first, writes through the
 * API (or the service the API calls), then reads the log and the subscription's outbox.
 */

/** What a test reads the log and the outbox with: the app, an admin, the storage under both. */
interface Probe {
  readonly app: Hono<ApiEnv>;
  readonly admin: Session;
  readonly storage: PouchStorage;
}

const ok = (answer: Answer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
  return answer.json;
};

/** A subscription to every record event of every app; answers its id. */
async function subscribeAll(probe: Probe): Promise<string> {
  const answer = await call(probe.app, 'POST', '/api/webhooks', {
    as: probe.admin,
    body: {
      url: 'https://hooks.example/records',
      events: ['record.created', 'record.updated', 'record.deleted'],
    },
  });
  return String(ok(answer, 201, 'subscribe').id);
}

interface Announced {
  readonly event: string;
  readonly eventKey: string;
  readonly subject: string;
  readonly actor: string;
}

/** The deliveries the subscription is owed for one record (keys `<id>@…`), in revision order. */
async function announcedFor(probe: Probe, hook: string, record: string): Promise<Announced[]> {
  const answer = await call(probe.app, 'GET', `/api/webhooks/${hook}/deliveries?limit=1000`, {
    as: probe.admin,
  });
  const items = ok(answer, 200, 'deliveries').items as { id: string; eventKey: string }[];
  const mine = items
    .filter((one) => one.eventKey.startsWith(`${record}@`))
    .sort((a, b) => auditOrder(a.eventKey) - auditOrder(b.eventKey));
  return Promise.all(
    mine.map(async (one) => {
      const doc = await probe.storage.get<{ event: string; payload: WebhookEvent }>(one.id);
      assert.ok(doc, `delivery ${one.id} is stored`);
      const { payload } = doc;
      return {
        event: doc.event,
        eventKey: one.eventKey,
        subject: payload.subject,
        actor: payload.actor,
      };
    }),
  );
}

interface AuditLine {
  readonly id: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly subjectType: string;
}

/** The record's audit entries over `GET /api/audit`, newest first (who, what, which id). */
async function auditOf(probe: Probe, record: string): Promise<AuditLine[]> {
  const answer = await call(
    probe.app,
    'GET',
    `/api/audit?subject=${encodeURIComponent(record)}&limit=1000`,
    { as: probe.admin },
  );
  return (ok(answer, 200, 'audit').entries as AuditLine[]).map(
    ({ id, actor, action, subject, subjectType }) => ({ id, actor, action, subject, subjectType }),
  );
}

/** The entry a write logs: its action, on the record, by the actor, under its key's id. */
const entryOf = (record: string, action: string, key: string, actor: string): AuditLine => ({
  id: auditIdOf(key, auditOrder(key)),
  actor,
  action,
  subject: record,
  subjectType: 'record',
});

const created = (record: string, actor: string): Announced => ({
  event: 'record.created',
  eventKey: `${record}@1`,
  subject: record,
  actor,
});

const updated = (record: string, rev: string, actor: string): Announced => ({
  event: 'record.updated',
  eventKey: `${record}@${rev}`,
  subject: record,
  actor,
});

/**
 * A record made and never changed since: one `record.create` entry keyed `<id>@1` by the actor,
 * and exactly one `record.created` delivery under the same key.
 */
async function assertCreateLogged(probe: Probe, hook: string, record: string, actor: string) {
  assert.deepEqual(
    await auditOf(probe, record),
    [entryOf(record, 'record.create', `${record}@1`, actor)],
    `audit of ${record}`,
  );
  assert.deepEqual(await announcedFor(probe, hook, record), [created(record, actor)]);
}

/** The ids of every record stored now (any app, any table). */
async function recordIds(storage: PouchStorage): Promise<string[]> {
  const ids: string[] = [];
  for await (const doc of storage.dump()) {
    if ((doc as { type?: unknown }).type === 'record') ids.push(String(doc._id));
  }
  return ids.sort();
}

const revOf = async (storage: PouchStorage, record: string) => {
  const doc = await storage.get<RecordFields>(record);
  assert.ok(doc, `${record} is stored`);
  return doc;
};

/** The generation of a revision (`3-…` → 3). */
const generation = (rev: string) => Number.parseInt(rev, 10);

describe('record writes through the flows are logged and announced', () => {
  let world: FlowWorld;
  let probe: Probe;

  before(async () => {
    world = await startFlowWorld({ lookup: exampleLookup });
    probe = { app: world.server.app, admin: world.admin, storage: world.server.storage };
    // spend v2 adds a create write-back (`ledger`) and a sub-flow whose mapping leaves the
    // child's required title empty (`badPurchase`)
    const definition = spendApp() as { flows: Record<string, unknown>[] };
    definition.flows.push(
      {
        id: 'ledger',
        label: 'Open a budget line',
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'open',
            type: 'write-back',
            config: {
              target: 'budget',
              mode: 'create',
              mapping: { name: 'title', total: 'amount' },
            },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'l1', from: 'start', to: 'open' },
          { id: 'l2', from: 'open', to: 'end' },
        ],
      },
      {
        id: 'badPurchase',
        label: 'Purchase with a review missing its title',
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'review',
            type: 'sub-flow',
            config: { flow: 'review', mapping: { amount: 'amount' } },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'b1', from: 'start', to: 'review' },
          { id: 'b2', from: 'review', to: 'end' },
        ],
      },
    );
    const { app } = world.server;
    ok(
      await call(app, 'PUT', '/api/apps/spend/draft', { as: world.admin, body: definition }),
      200,
      'draft',
    );
    ok(
      await call(app, 'POST', '/api/apps/spend/publish', { as: world.admin, body: {} }),
      201,
      'v2',
    );
  });

  it('form submit (a flow start): the record is logged and announced as its drafter’s', async () => {
    const hook = await subscribeAll(probe);
    const started = await startExpense(world, { title: '出差北京' });
    ok(started, 201, 'start');
    const item = itemOf(started);
    const record = (item.record as { id: string }).id;
    assert.equal(record, `record:${item.id}`);
    await assertCreateLogged(probe, hook, record, world.alice.user.id);
  });

  it('write-back, update mode: only the applied change is logged and announced, as the system; the guard’s hold is neither', async () => {
    const hook = await subscribeAll(probe);
    const line = await budgetLine(world, '500.00');
    const item = itemOf(await startExpense(world, { budgetLine: line, amount: '120.00' }));
    ok(
      await act(world, world.boss, item.id, {
        type: 'approve',
        task: await myTask(world, world.boss, item.id),
      }),
      200,
      'head',
    );
    ok(
      await act(world, world.fin1, item.id, {
        type: 'approve',
        task: await myTask(world, world.fin1, item.id),
      }),
      200,
      'finance',
    );
    const stored = await revOf(probe.storage, line);
    assert.deepEqual(
      { used: stored.values.used, remaining: stored.values.remaining },
      { used: '120.00', remaining: '380.00' },
      'the write-back was applied',
    );
    // made (1), held by the guard at finance's approval (2, marks only), changed (3)
    assert.equal(generation(stored._rev), 3, 'the hold was a revision of its own');
    assert.deepEqual(await auditOf(probe, line), [
      entryOf(line, 'record.update', `${line}@${stored._rev}`, 'system'),
      entryOf(line, 'record.create', `${line}@1`, world.fin1.user.id),
    ]);
    const announced = await announcedFor(probe, hook, line);
    assert.deepEqual(announced, [
      created(line, world.fin1.user.id),
      updated(line, stored._rev, 'system'),
    ]);
    assert.equal(
      announced.filter((one) => one.eventKey.startsWith(`${line}@2-`)).length,
      0,
      'no record.updated for the guard’s hold',
    );
  });

  it('write-back, create mode: the new record is logged and announced as the item’s drafter’s', async () => {
    const hook = await subscribeAll(probe);
    const before = await recordIds(probe.storage);
    const started = await call(probe.app, 'POST', '/api/apps/spend/flows/ledger/items', {
      as: world.alice,
      body: { values: { title: 'Q1 offsite', amount: '300.00' } },
    });
    ok(started, 201, 'ledger');
    const item = itemOf(started);
    assert.equal(item.status, 'approved', 'start → write-back → end');
    const made = (await recordIds(probe.storage)).filter(
      (id) => !before.includes(id) && id.startsWith(`record:${item.id}-`),
    );
    assert.equal(made.length, 1, `the write-back's record: ${JSON.stringify(made)}`);
    const record = made[0]!;
    const doc = await revOf(probe.storage, record);
    assert.deepEqual(
      { table: doc.table, name: doc.values.name, total: doc.values.total },
      { table: 'budget', name: 'Q1 offsite', total: '300.00' },
    );
    await assertCreateLogged(probe, hook, record, world.alice.user.id);
  });

  it('sub-flow: the child record `record:<parent>-<effect>` is logged and announced as the parent’s drafter’s', async () => {
    const hook = await subscribeAll(probe);
    const started = await call(probe.app, 'POST', '/api/apps/spend/flows/purchase/items', {
      as: world.alice,
      body: { values: { title: '服务器', amount: '9000.00' } },
    });
    ok(started, 201, 'purchase');
    const parent = itemOf(started);
    const children = (await recordIds(probe.storage)).filter((id) =>
      id.startsWith(`record:${parent.id}-`),
    );
    assert.equal(children.length, 1, JSON.stringify(children));
    const child = children[0]!;
    const doc = await revOf(probe.storage, child);
    assert.equal(doc.values.title, '评审：服务器');
    await assertCreateLogged(probe, hook, child, world.alice.user.id);
    // the parent's own record, apart from its child's
    await assertCreateLogged(probe, hook, `record:${parent.id}`, world.alice.user.id);
  });

  it('sub-flow whose mapping the child table refuses: the parent’s submit is a 422 naming the mapped field, and no child is written', async () => {
    const hook = await subscribeAll(probe);
    const drafted = await call(probe.app, 'POST', '/api/apps/spend/flows/badPurchase/items', {
      as: world.alice,
      body: { values: { title: '显示器', amount: '1500.00' }, submit: false },
    });
    ok(drafted, 201, 'draft');
    const parent = itemOf(drafted);
    assert.equal(parent.status, 'draft');
    const before = await recordIds(probe.storage);
    const refused = await act(world, world.alice, parent.id, { type: 'submit' });
    assert.equal(refused.status, 422, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.code, 'subflow_invalid');
    assert.equal(refused.json.error?.field, '/nodes/review/config/mapping/title');
    assert.deepEqual(await recordIds(probe.storage), before, 'no record written');
    const outbox = await call(probe.app, 'GET', `/api/webhooks/${hook}/deliveries?limit=1000`, {
      as: probe.admin,
    });
    const keys = (ok(outbox, 200, 'deliveries').items as { eventKey: string }[]).map(
      (one) => one.eventKey,
    );
    assert.deepEqual(
      keys.filter((key) => key.startsWith(`record:${parent.id}-`)),
      [],
      'nothing announced for a child',
    );
    const still = itemOf(
      await call(probe.app, 'GET', `/api/flow-items/${parent.id}`, { as: world.alice }),
    );
    assert.equal(still.status, 'draft', 'the refused submit moved nothing');
  });
});

describe('record writes outside the flows are logged and announced', () => {
  it('table import: each imported row is logged and announced as the importer’s, once even when retried', async () => {
    const world = await startImportWorld({ lookup: exampleLookup });
    const probe: Probe = {
      app: world.server.app,
      admin: world.admin,
      storage: world.server.storage,
    };
    const hook = await subscribeAll(probe);
    const file = { name: 'customers.csv', bytes: 'name,staff\nAlpha,3\nBeta,5\n' };
    const headers = { 'idempotency-key': 'import-logged-1' };
    const first = await upload(world, world.seller, file, 'dryRun=false', headers);
    const made = (ok(first, 200, 'import').created as { id: string }[]).map((one) => one.id);
    assert.equal(made.length, 2);
    const again = await upload(world, world.seller, file, 'dryRun=false', headers);
    assert.deepEqual(
      (ok(again, 200, 'retry').created as { id: string; replayed?: boolean }[]).map((one) => [
        one.id,
        one.replayed,
      ]),
      made.map((id) => [id, true]),
    );
    for (const record of made) {
      await assertCreateLogged(probe, hook, record, world.seller.user.id);
    }
  });

  it('public form: the record a submission makes is logged and announced as the form’s, with or without a flow', async () => {
    const world = await startPublicWorld({ lookup: exampleLookup });
    const probe: Probe = {
      app: world.server.app,
      admin: world.admin,
      storage: world.server.storage,
    };
    const hook = await subscribeAll(probe);
    ok(await submit(world, problem({ customer: '李雷' })), 201, 'intake');
    ok(
      await submit(world, { text: 'Quick fix' }, '/api/public/forms/aftersales/feedback'),
      201,
      'feedback',
    );
    const find = async (table: string, field: string, value: string) => {
      const list = await call(
        world.server.app,
        'GET',
        `/api/apps/aftersales/tables/${table}/records?limit=1000`,
        { as: world.agent },
      );
      const items = ok(list, 200, table).items as { id: string; values: Record<string, unknown> }[];
      const found = items.filter((one) => one.values[field] === value);
      assert.equal(found.length, 1, `${table} ${field}=${value}`);
      return found[0]!.id;
    };
    const request = await find('request', 'customer', '李雷');
    await assertCreateLogged(probe, hook, request, 'public:aftersales:intake');
    const note = await find('note', 'text', 'Quick fix');
    await assertCreateLogged(probe, hook, note, 'public:aftersales:feedback');
  });
});

describe('record writes of packs are logged and announced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'record-writes-logged-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bundledDir = packsFolder(join(dir, 'bundled'), [assetPack('1.0.0'), assetPack('2.0.0')]);
  const demo = ['a1', 'a2'].map((key) => demoRecordId('asset_register', 'asset', key));

  /** A server offering the asset pack, an admin subscribed to record events, v1 installed. */
  async function installed() {
    let packs: PackService | undefined;
    const server = await startTestServer({
      packs: { bundledDir },
      webhooks: { lookup: exampleLookup },
      onServices: (services) => {
        packs = services.packs;
      },
    });
    const admin = await signIn(server.app, 'admin', server.admin.password);
    const probe: Probe = { app: server.app, admin, storage: server.storage };
    const hook = await subscribeAll(probe);
    const install = await packs!.install('asset-register', {
      version: '1.0.0',
      roles: {},
      actor: admin.user.id,
    });
    assert.equal((await install.finished).state, 'installed');
    return { probe, hook, packs: packs!, admin };
  }

  it('pack install: each demo record is logged and announced as the installer’s', async () => {
    const { probe, hook, admin } = await installed();
    for (const record of demo) await assertCreateLogged(probe, hook, record, admin.user.id);
  });

  it('pack upgrade: each migrated record is logged and announced as the upgrader’s', async () => {
    const { probe, hook, packs, admin } = await installed();
    const upgrade = await packs.upgrade('asset-register', admin.user.id);
    const done = await upgrade.finished;
    assert.equal(done.state, 'installed');
    assert.equal(done.version, '2.0.0');
    for (const record of demo) {
      const doc = await revOf(probe.storage, record);
      assert.equal(doc.values.location, '总部', 'migrated');
      assert.deepEqual(await auditOf(probe, record), [
        entryOf(record, 'record.update', `${record}@${doc._rev}`, admin.user.id),
        entryOf(record, 'record.create', `${record}@1`, admin.user.id),
      ]);
      assert.deepEqual(await announcedFor(probe, hook, record), [
        created(record, admin.user.id),
        updated(record, doc._rev, admin.user.id),
      ]);
    }
  });
});
