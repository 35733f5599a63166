import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SUBSCRIPTION_CACHE_MS, subscriptionCache } from '../src/webhooks/subscription-cache.ts';
import { call } from './accounts-helpers.ts';
import { contract, RECORDS } from './records-helpers.ts';
import { deliveriesOf, startWebhookWorld, subscribe } from './webhooks-helpers.ts';

const world = await startWebhookWorld();
const { app, admin } = world;
after(() => assert.deepEqual(world.storage.warnings, []));

const url = 'https://hooks.example/in';
const ALL = ['record.created', 'record.updated', 'record.deleted'];

type Payload = {
  type: string;
  app: string;
  table: string;
  subject: string;
  key: string;
  actor: string;
  at: string;
  data: {
    before?: { values: Record<string, unknown> };
    after?: { values: Record<string, unknown> };
  };
};

const payloadOf = async (deliveryId: string) =>
  (await world.storage.get<{ payload: Payload }>(deliveryId))?.payload;

describe('record events into the outbox', () => {
  it('makes one delivery per matching subscription for create, update and delete', async () => {
    const everything = await subscribe(world, { url, events: ALL });
    const creates = await subscribe(world, { url, events: ['record.created'], app: 'contracts' });
    const otherTable = await subscribe(world, {
      url,
      events: ALL,
      app: 'contracts',
      table: 'invoice',
    });
    const otherApp = await subscribe(world, { url, events: ALL, app: 'leave' });
    const paused = await subscribe(world, { url, events: ALL, active: false });

    const made = await call(app, 'POST', RECORDS, { as: admin, body: contract('Lease') });
    assert.equal(made.status, 201);
    const id = String(made.json.id);
    const changed = await call(app, 'PATCH', `${RECORDS}/${id}`, {
      as: admin,
      body: { _rev: made.json._rev, values: { title: 'Lease 2' } },
    });
    assert.equal(changed.status, 200);
    const removed = await call(app, 'DELETE', `${RECORDS}/${id}?rev=${changed.json._rev}`, {
      as: admin,
    });
    assert.equal(removed.status, 200);

    const all = await deliveriesOf(world, everything.id);
    assert.deepEqual(all.map((d) => d.event).sort(), [...ALL].sort());
    assert.ok(all.every((d) => d.status === 'pending' && d.attempts === 0));
    const onlyCreates = await deliveriesOf(world, creates.id);
    assert.deepEqual(
      onlyCreates.map((d) => d.event),
      ['record.created'],
    );
    for (const hook of [otherTable, otherApp, paused]) {
      assert.deepEqual(await deliveriesOf(world, hook.id), [], String(hook.description ?? hook.id));
    }

    const byEvent = new Map(all.map((d) => [d.event, d]));
    const created = await payloadOf(byEvent.get('record.created')!.id);
    assert.deepEqual(
      { type: created?.type, app: created?.app, table: created?.table, subject: created?.subject },
      { type: 'record.created', app: 'contracts', table: 'contract', subject: id },
    );
    assert.equal(created?.key, `${id}@1`, 'the audit entry key: the first revision');
    assert.equal(created?.actor, admin.user.id);
    assert.equal(created?.data.after?.values.title, 'Lease');
    assert.equal(created?.data.before, undefined);
    const updated = await payloadOf(byEvent.get('record.updated')!.id);
    assert.equal(updated?.data.before?.values.title, 'Lease');
    assert.equal(updated?.data.after?.values.title, 'Lease 2');
    const deleted = await payloadOf(byEvent.get('record.deleted')!.id);
    assert.equal(deleted?.key, `${id}@${changed.json._rev}/delete`);
    assert.equal(deleted?.data.before?.values.title, 'Lease 2');
    assert.equal(deleted?.data.after, undefined);
    for (const hook of [everything, creates, otherTable, otherApp, paused]) {
      await call(app, 'DELETE', `/api/webhooks/${hook.id}`, { as: admin });
    }
  });

  it('makes no second delivery for a create replayed with the same Idempotency-Key', async () => {
    const hook = await subscribe(world, { url, events: ['record.created'] });
    const headers = { 'idempotency-key': 'order-2026-0001' };
    const first = await call(app, 'POST', RECORDS, { as: admin, body: contract('Once'), headers });
    const again = await call(app, 'POST', RECORDS, { as: admin, body: contract('Once'), headers });
    assert.equal(first.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.json.id, first.json.id);
    const deliveries = await deliveriesOf(world, hook.id);
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]?.eventKey, `${first.json.id}@1`);
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`, { as: admin });
  });

  it('takes a new, changed or deleted subscription into account at once on this server', async () => {
    const hook = await subscribe(world, { url, events: ['record.updated'] });
    await call(app, 'POST', RECORDS, { as: admin, body: contract('Before') });
    assert.equal((await deliveriesOf(world, hook.id)).length, 0, 'not subscribed to creates');
    const read = await call(app, 'GET', `/api/webhooks/${hook.id}`, { as: admin });
    await call(app, 'PATCH', `/api/webhooks/${hook.id}`, {
      as: admin,
      body: { _rev: read.json._rev, events: ['record.created'] },
    });
    await call(app, 'POST', RECORDS, { as: admin, body: contract('After') });
    assert.equal((await deliveriesOf(world, hook.id)).length, 1);
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`, { as: admin });
    await call(app, 'POST', RECORDS, { as: admin, body: contract('Gone') });
    const left = await world.storage.find({
      index: 'webhook-deliveries-by-webhook',
      selector: { type: 'webhook-delivery', webhook: hook.id },
    });
    assert.equal(left.docs.length, 1, 'a deleted subscription gets nothing new');
  });

  it('lets another server see a new subscription within SUBSCRIPTION_CACHE_MS', async () => {
    const { clock, storage } = world;
    const elsewhere = subscriptionCache({ storage, now: () => clock.now });
    const before = (await elsewhere.active()).length;
    const hook = await subscribe(world, { url, events: ['record.created'] });
    assert.equal((await elsewhere.active()).length, before, 'still the cached list');
    clock.advance(SUBSCRIPTION_CACHE_MS);
    const now = await elsewhere.active();
    assert.ok(now.some((active) => active._id === hook.id));
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`, { as: admin });
  });
});
