import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { createDispatcher, type Dispatcher } from '../src/webhooks/dispatcher.ts';
import { MAX_ATTEMPTS, RETRY_CEILINGS_MS } from '../src/webhooks/next-attempt-delay.ts';
import { verifySignature } from '../src/webhooks/webhook-signature.ts';
import { call } from './accounts-helpers.ts';
import { contract, RECORDS } from './records-helpers.ts';
import { deliveriesOf, startWebhookWorld, subscribe } from './webhooks-helpers.ts';
import { startReceiver } from './webhooks-receiver.ts';

/** The only place this file sends traffic to. */
const receiver = await startReceiver();
const world = await startWebhookWorld({ allowPrivate: true });
const { app, admin, clock, storage } = world;
after(() => {
  receiver.close();
  assert.deepEqual(storage.warnings, []);
});
beforeEach(() => receiver.reset());

const hooks: string[] = [];
beforeEach(async () => {
  for (const id of hooks.splice(0)) await call(app, 'DELETE', `/api/webhooks/${id}`, { as: admin });
});

/** A dispatcher of this world, as a server named `instanceId` runs it; jitter at its ceiling. */
const dispatcher = (instanceId: string): Dispatcher =>
  createDispatcher({
    storage,
    now: () => clock.now,
    instanceId,
    allowPrivate: true,
    random: () => 1,
  });

const hookAt = async (path: string, events = ['record.created']) => {
  const made = await subscribe(world, { url: `${receiver.base}${path}`, events });
  hooks.push(made.id);
  return made;
};

const createContract = async (title: string) => {
  const made = await call(app, 'POST', RECORDS, { as: admin, body: contract(title) });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  return made.json as { id: string; _rev: string };
};

describe('the webhook dispatcher', () => {
  it('refuses loopback receivers unless allowed', async () => {
    const hook = await hookAt('/refused');
    await createContract('Refused');
    const strict = createDispatcher({ storage, now: () => clock.now, instanceId: 'strict' });
    assert.equal((await strict.runOnce()).failed, 1);
    const [delivery] = await deliveriesOf(world, hook.id);
    assert.deepEqual(
      [delivery?.status, delivery?.failReason, delivery?.lastError],
      ['failed', 'refused', 'loopback_address'],
    );
    assert.equal(receiver.received.length, 0);
  });

  it('posts the event signed with the secret; the receiver verifies it', async () => {
    const hook = await hookAt('/signed');
    const record = await createContract('Signed');
    const report = await dispatcher('a').runOnce();
    assert.deepEqual(report, { attempted: 1, delivered: 1, failed: 0, skipped: 0 });
    const [hit] = receiver.received;
    assert.ok(hit);
    const [delivery] = await deliveriesOf(world, hook.id);
    assert.equal(hit.headers['x-tessera-event'], 'record.created');
    assert.equal(hit.headers['x-tessera-delivery'], delivery?.id);
    const signature = String(hit.headers['x-tessera-signature']);
    const check = verifySignature(hook.secret, signature, hit.body, Math.floor(clock.now / 1000));
    assert.equal(check.ok, true);
    const body = JSON.parse(hit.body);
    assert.deepEqual(
      [body.type, body.subject, body.key, body.app, body.table],
      ['record.created', record.id, `${record.id}@1`, 'contracts', 'contract'],
    );
    assert.equal(body.data.after.values.title, 'Signed');
    assert.deepEqual(
      [delivery?.status, delivery?.attempts, delivery?.lastStatus],
      ['delivered', 1, 204],
    );
    assert.equal((await dispatcher('a').runOnce()).attempted, 0, 'sent once');
  });

  it('retries a failing receiver with backoff, fails after the last attempt, and retries by hand', async () => {
    receiver.routes.set('/broken', (res) => res.writeHead(500).end('down'));
    const hook = await hookAt('/broken');
    await createContract('Broken');
    const a = dispatcher('a');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assert.equal((await a.runOnce()).attempted, 1, `attempt ${attempt}`);
      const [delivery] = await deliveriesOf(world, hook.id);
      assert.equal(delivery?.attempts, attempt);
      assert.equal(delivery?.lastStatus, 500);
      assert.equal(delivery?.lastError, 'http_status');
      const wait = RETRY_CEILINGS_MS[attempt - 1];
      if (wait === undefined) {
        assert.deepEqual([delivery?.status, delivery?.failReason], ['failed', 'exhausted']);
        break;
      }
      assert.equal(delivery?.status, 'pending');
      assert.equal(Date.parse(String(delivery?.nextAttemptAt)), clock.now + wait);
      clock.advance(wait - 1);
      assert.equal((await a.runOnce()).attempted, 0, 'not due before the backoff ends');
      clock.advance(1);
    }
    assert.equal(receiver.received.length, MAX_ATTEMPTS);
    const ids = new Set(receiver.received.map((hit) => hit.headers['x-tessera-delivery']));
    assert.equal(ids.size, 1, 'every attempt carries the same delivery id');

    receiver.routes.set('/broken', (res) => res.writeHead(200).end());
    const [failed] = await deliveriesOf(world, hook.id);
    const retried = await call(
      app,
      'POST',
      `/api/webhooks/${hook.id}/deliveries/${failed?.id}/retry`,
      { as: admin },
    );
    assert.equal(retried.status, 200, JSON.stringify(retried.json));
    assert.deepEqual([retried.json.status, retried.json.attempts], ['pending', 0]);
    assert.deepEqual(await a.runOnce(), { attempted: 1, delivered: 1, failed: 0, skipped: 0 });
    const unknown = await call(app, 'POST', `/api/webhooks/${hook.id}/deliveries/nope/retry`, {
      as: admin,
    });
    assert.equal(unknown.status, 404);
  });

  it('stops at 410 Gone', async () => {
    receiver.routes.set('/gone', (res) => res.writeHead(410).end());
    const hook = await hookAt('/gone');
    await createContract('Gone');
    assert.equal((await dispatcher('a').runOnce()).failed, 1);
    const [delivery] = await deliveriesOf(world, hook.id);
    assert.deepEqual([delivery?.status, delivery?.failReason], ['failed', 'gone']);
  });

  it('sends each delivery once when two servers run at the same time', async () => {
    const hook = await hookAt('/both');
    for (let i = 0; i < 12; i++) await createContract(`Both ${i}`);
    const [a, b] = [dispatcher('server-a'), dispatcher('server-b')];
    const reports = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    assert.equal(
      reports.reduce((sum, report) => sum + report.attempted, 0),
      12,
    );
    assert.equal(receiver.received.length, 12);
    const ids = new Set(receiver.received.map((hit) => hit.headers['x-tessera-delivery']));
    assert.equal(ids.size, 12, 'no delivery sent twice');
    const deliveries = await deliveriesOf(world, hook.id);
    assert.ok(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1));
  });

  it('takes over a claim whose lease ran out (its server died)', async () => {
    const hook = await hookAt('/takeover');
    await createContract('Orphan');
    const [owed] = await deliveriesOf(world, hook.id);
    const until = new Date(clock.now + 60_000).toISOString();
    await storage.mutate<Record<string, unknown>>(String(owed?.id), (doc) => ({
      ...doc,
      claimedBy: 'dead-server',
      claimedUntil: until,
      nextAttemptAt: until,
      attempts: 1,
    }));
    const b = dispatcher('server-b');
    assert.equal((await b.runOnce()).attempted, 0, 'the lease still holds');
    clock.advance(60_000);
    assert.deepEqual(await b.runOnce(), { attempted: 1, delivered: 1, failed: 0, skipped: 0 });
    const [delivery] = await deliveriesOf(world, hook.id);
    assert.deepEqual([delivery?.status, delivery?.attempts], ['delivered', 2]);
    const stored = await storage.get<Record<string, unknown>>(String(owed?.id));
    assert.equal(stored?.claimedBy, undefined, 'the claim is released');
    assert.equal(receiver.received.length, 1);
  });

  it('fails the deliveries of a deleted webhook without sending', async () => {
    const hook = await hookAt('/deleted');
    await createContract('Deleted');
    const [owed] = await deliveriesOf(world, hook.id);
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`, { as: admin });
    assert.equal((await dispatcher('a').runOnce()).failed, 1);
    const stored = await storage.get<Record<string, unknown>>(String(owed?.id));
    assert.deepEqual([stored?.status, stored?.failReason], ['failed', 'webhook_missing']);
    assert.equal(receiver.received.length, 0);
  });

  it('runs on a timer after start() and waits for the batch in flight on stop()', async () => {
    const hook = await hookAt('/timer');
    await createContract('Timer');
    const timed = createDispatcher({
      storage,
      now: () => clock.now,
      instanceId: 'timer',
      allowPrivate: true,
      intervalMs: 5,
    });
    timed.start();
    const deadline = Date.now() + 5000;
    while (receiver.received.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await timed.stop();
    const [delivery] = await deliveriesOf(world, hook.id);
    assert.equal(delivery?.status, 'delivered');
  });
});
