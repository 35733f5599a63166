import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StoragePort } from '@tessera/runtime';
import { createApp } from '../src/index.ts';
import { AUDIT_MARGIN_MS, rollForwardAudits } from '../src/records/audit-roll-forward.ts';
import { createInFlightWrites } from '../src/records/in-flight-writes.ts';
import { recoverRecordAudits } from '../src/records/recover-record-audits.ts';
import { auditedThroughMark, openInstanceSettings } from '../src/settings/instance-settings.ts';
import type { WebhookEvent } from '../src/webhooks/event-types.ts';
import { call } from './accounts-helpers.ts';
import { testPlatform } from './helpers.ts';
import {
  contract,
  createRecord,
  RECORDS,
  type RecordsWorld,
  startRecordsWorld,
} from './records-helpers.ts';

interface Entry {
  action: string;
  at: string;
  actor: string;
  before?: unknown;
  after?: { values: Record<string, unknown> };
  recovered?: true;
}

/** The next audit entry written fails, as if the process died right after the record write. */
function failNextAudit(storage: StoragePort): void {
  const create = storage.create.bind(storage);
  storage.create = (async (doc, options) => {
    if ((doc as { type?: string }).type === 'audit') {
      storage.create = create;
      throw new Error('process killed');
    }
    return create(doc, options);
  }) as StoragePort['create'];
}

describe('the audit roll-forward after a crash', () => {
  let world: RecordsWorld;
  let storage: StoragePort;
  const published: WebhookEvent[] = [];
  const events = {
    publish: async (event: WebhookEvent) => {
      published.push(event);
      return 1;
    },
  };
  const context = () => ({ storage, now: () => world.server.clock.now, events });
  const history = async (id: string): Promise<Entry[]> => {
    const answer = await call(world.server.app, 'GET', `/api/records/${id}/audit`, {
      as: world.admin,
    });
    assert.equal(answer.status, 200);
    return answer.json.items as Entry[];
  };

  before(async () => {
    world = await startRecordsWorld();
    storage = world.server.storage;
  });

  it('logs the create and the update a crash left unlogged, once, from `since` on', async () => {
    const { app, clock } = world.server;
    const { admin } = world;
    // changed (and left unlogged) before `since`: not the sweep's business
    const early = await createRecord(world, admin, contract('early'));
    failNextAudit(storage);
    const earlyPatch = await call(app, 'PATCH', `${RECORDS}/${early.id}`, {
      as: admin,
      body: { _rev: early._rev, values: { title: 'early, changed' } },
    });
    assert.equal(earlyPatch.status, 500);

    clock.advance(60_000);
    const since = new Date(clock.now).toISOString();
    clock.advance(1_000);

    failNextAudit(storage);
    const cut = await call(app, 'POST', RECORDS, {
      as: admin,
      headers: { 'Idempotency-Key': 'cut-create' },
      body: contract('cut create'),
    });
    assert.equal(cut.status, 500, 'the create died before its audit entry');
    const listed = await call(app, 'GET', RECORDS, { as: admin });
    const stored = (listed.json.items as { id: string; values: { title: string } }[]).find(
      (item) => item.values.title === 'cut create',
    );
    assert.ok(stored, 'yet the record is stored');
    assert.deepEqual(await history(stored.id), [], 'and not logged');

    clock.advance(1_000);
    const made = await createRecord(world, admin, contract('before'));
    clock.advance(1_000);
    failNextAudit(storage);
    const patch = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { _rev: made._rev, values: { title: 'after' } },
    });
    assert.equal(patch.status, 500, 'the update died before its audit entry');
    const current = await call(app, 'GET', `${RECORDS}/${made.id}`, { as: admin });
    assert.equal((current.json.values as { title: string }).title, 'after');
    assert.deepEqual(
      (await history(made.id)).map((entry) => entry.action),
      ['record.create'],
    );

    // "restart": the sweep over the records changed since `since`
    clock.advance(5_000);
    assert.deepEqual(await recoverRecordAudits(context(), since), { checked: 2, recovered: 2 });

    const updated = await history(made.id);
    assert.deepEqual(
      updated.map(({ action, recovered }) => ({ action, recovered })),
      [
        { action: 'record.update', recovered: true },
        { action: 'record.create', recovered: undefined },
      ],
    );
    const [update] = updated;
    assert.equal(update?.at, current.json.updatedAt, 'at: when the record was changed');
    assert.equal(update?.actor, admin.user.id);
    assert.equal(update?.before, undefined, 'what it was before is unknown');
    assert.equal(
      update?.after?.values.gross,
      (current.json.values as { gross: unknown }).gross,
      'after: as stored',
    );
    assert.equal(update?.after?.values.title, 'after');

    const created = await history(stored.id);
    assert.deepEqual(
      created.map(({ action, recovered }) => ({ action, recovered })),
      [{ action: 'record.create', recovered: true }],
    );
    assert.equal(created[0]?.after?.values.title, 'cut create');
    const cutStored = await call(app, 'GET', `${RECORDS}/${stored.id}`, { as: admin });

    assert.deepEqual(
      published.map(({ type, subject, key, at, actor, data }) => ({
        type,
        subject,
        key,
        at,
        actor,
        before: 'before' in data,
      })),
      [
        {
          type: 'record.created',
          subject: stored.id,
          key: `${stored.id}@1`,
          at: cutStored.json.updatedAt,
          actor: admin.user.id,
          before: false,
        },
        {
          type: 'record.updated',
          subject: made.id,
          key: `${made.id}@${current.json._rev}`,
          at: current.json.updatedAt,
          actor: admin.user.id,
          before: false,
        },
      ],
      'each recovered entry owes its webhook event, under the same key',
    );

    // the change before `since` stays as it was
    assert.deepEqual(
      (await history(early.id)).map((entry) => entry.action),
      ['record.create'],
    );

    // a second sweep, and the client's retry of the cut create, log nothing more
    assert.deepEqual(await recoverRecordAudits(context(), since), { checked: 2, recovered: 0 });
    assert.equal(published.length, 2, 'no event published twice');
    const retry = await call(app, 'POST', RECORDS, {
      as: admin,
      headers: { 'Idempotency-Key': 'cut-create' },
      body: contract('cut create'),
    });
    assert.equal(retry.status, 201);
    assert.equal(retry.json.id, stored.id);
    assert.deepEqual(
      (await history(stored.id)).map((entry) => entry.action),
      ['record.create'],
    );
    assert.deepEqual(world.server.storage.warnings, [], 'every query used its index');
  });

  it('logs no change for a revision that only held or released a reservation', async () => {
    const { clock } = world.server;
    clock.advance(60_000);
    const since = new Date(clock.now).toISOString();
    clock.advance(1_000);
    const made = await createRecord(world, world.admin, contract('held'));
    const stored = await storage.get<Record<string, unknown>>(made.id);
    assert.ok(stored);
    // what a write-back's reservation writes: the record's marks, not its values or updatedAt
    const held = await storage.update({ ...stored, flowReservations: [{ effect: 'e1' }] });
    await storage.update({ ...stored, _rev: held.rev, flowReservations: [] });
    assert.deepEqual(await recoverRecordAudits(context(), since), { checked: 1, recovered: 0 });
    assert.deepEqual(
      (await history(made.id)).map((entry) => entry.action),
      ['record.create'],
    );
  });

  it('keeps a write in flight from its start until audited, and open when it died', async () => {
    const { clock } = world.server;
    const inFlight = createInFlightWrites(() => clock.now);
    const app = createApp({
      platform: testPlatform,
      storage,
      now: () => clock.now,
      inFlight,
    });
    const { admin } = world;
    const made = await call(app, 'POST', RECORDS, { as: admin, body: contract('tracked') });
    assert.equal(made.status, 201);
    assert.equal(inFlight.oldest(), undefined, 'an audited write is done');
    const stale = await call(app, 'PATCH', `${RECORDS}/${made.json.id}`, {
      as: admin,
      body: { _rev: '1-stale', values: { title: 'x' } },
    });
    assert.equal(stale.status, 409);
    assert.equal(inFlight.oldest(), undefined, 'a refused write stored nothing');

    const startedAt = clock.now;
    failNextAudit(storage);
    const died = await call(app, 'PATCH', `${RECORDS}/${made.json.id}`, {
      as: admin,
      body: { _rev: made.json._rev, values: { title: 'died' } },
    });
    assert.equal(died.status, 500);
    clock.advance(10_000);
    assert.equal(inFlight.oldest(), startedAt, 'a write that failed after storing stays open');
  });
});

describe('auditedThrough', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-audited-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('sweeps from the stored mark, then keeps it in instance.json', async () => {
    const first = await openInstanceSettings(dir, ['a']);
    assert.equal(first.auditedThrough, undefined, 'a fresh file has none');
    const mark = await auditedThroughMark(dir);
    const storage = { find: async () => ({ docs: [] }) } as unknown as StoragePort;
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const inFlight = createInFlightWrites(() => now);
    const sweeps: string[] = [];
    const untils: string[] = [];
    const find = storage.find;
    storage.find = (async (query) => {
      const range = query.selector.updatedAt as { $gte: string; $lt?: string };
      sweeps.push(range.$gte);
      if (range.$lt !== undefined) untils.push(range.$lt);
      return find(query);
    }) as StoragePort['find'];

    const started = await rollForwardAudits({ storage, now: () => now }, first, mark, inFlight);
    assert.equal(await started.recovered, 0);
    assert.deepEqual(sweeps, ['2026-02-28T10:00:00.000Z'], 'none stored: the last 24 hours');
    assert.deepEqual(
      untils,
      ['2026-03-01T10:00:00.000Z'],
      'writes after the start are logged by their own requests',
    );
    const settings = () => readFile(join(dir, 'instance.json'), 'utf8').then(JSON.parse);
    assert.equal((await settings()).auditedThrough, '2026-03-01T09:59:55.000Z');

    now += 60_000;
    const open = inFlight.begin();
    now += 60_000;
    await started.stop();
    assert.equal(
      (await settings()).auditedThrough,
      new Date(Date.parse('2026-03-01T10:01:00.000Z') - AUDIT_MARGIN_MS).toISOString(),
      'held back by the oldest write in flight',
    );
    open.end();
    await started.stop();
    assert.equal((await settings()).auditedThrough, '2026-03-01T10:01:55.000Z');

    const again = await openInstanceSettings(dir, ['a']);
    assert.equal(again.auditedThrough, '2026-03-01T10:01:55.000Z', 'the loader keeps it');
    assert.equal(again.instanceId, first.instanceId);
    const next = await rollForwardAudits({ storage, now: () => now }, again, mark, inFlight);
    await next.recovered;
    assert.deepEqual(sweeps.at(-1), '2026-03-01T10:01:55.000Z', 'the next start sweeps from it');
  });
});
