import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, beforeEach, describe, it } from 'node:test';
import type { LookupAll } from '../src/webhooks/check-destination.ts';
import { type DeliverOptions, deliver } from '../src/webhooks/deliver.ts';
import { pinnedLookup } from '../src/webhooks/pinned-request.ts';
import { verifySignature } from '../src/webhooks/webhook-signature.ts';
import { startReceiver, TEST_SECRET, webhookRequest } from './webhooks-receiver.ts';

/** The only place this file sends traffic to. */
const receiver = await startReceiver();
after(() => receiver.close());
beforeEach(() => receiver.reset());

const clock = (): number => 1_750_000_000_000;
const local: DeliverOptions = { allowPrivate: true, now: clock };

describe('deliver', () => {
  it('POSTs signed JSON that the receiver verifies', async () => {
    receiver.routes.set('/hook', (res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks'),
    );
    const result = await deliver(webhookRequest(`${receiver.base}/hook`, { attempt: 2 }), local);
    assert.deepEqual(result, {
      ok: true,
      status: 200,
      attempt: 2,
      giveUp: false,
      url: `${receiver.base}/hook`,
      body: 'thanks',
    });
    const [hit] = receiver.received;
    assert.ok(hit);
    assert.equal(hit.headers['content-type'], 'application/json');
    assert.equal(hit.headers['x-tessera-event'], 'record.created');
    assert.equal(hit.headers['x-tessera-delivery'], 'dlv_1');
    assert.match(String(hit.headers['user-agent']), /^Tessera-Webhooks\//);
    assert.deepEqual(JSON.parse(hit.body).record, { id: 'r1', title: '合同' });
    const check = verifySignature(
      TEST_SECRET,
      String(hit.headers['x-tessera-signature']),
      hit.body,
      1_750_000_000,
    );
    assert.deepEqual(check, { ok: true, timestamp: 1_750_000_000 });
  });

  it('refuses the loopback receiver unless allowPrivate is set, before connecting', async () => {
    const result = await deliver(webhookRequest(`${receiver.base}/hook`));
    assert.equal(result.ok, false);
    assert.equal(result.giveUp, true);
    assert.equal(result.error?.code, 'loopback_address');
    assert.equal(result.status, undefined);
    assert.equal(receiver.received.length, 0);
  });

  it('connects to the address the check resolved, with one lookup, keeping the Host header', async () => {
    const lookups: string[] = [];
    const lookup: LookupAll = async (host) => {
      lookups.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const url = `http://receiver.test:${receiver.port}/pinned`;
    const result = await deliver(webhookRequest(url), { ...local, lookup });
    assert.equal(result.ok, true, JSON.stringify(result.error));
    assert.deepEqual(lookups, ['receiver.test'], 'the connection asked no second lookup');
    assert.equal(receiver.received[0]?.headers.host, `receiver.test:${receiver.port}`);
  });

  it('answers 2xx as success, 410 as give up, other statuses as retryable', async () => {
    receiver.routes.set('/created', (res) => res.writeHead(201).end());
    receiver.routes.set('/gone', (res) => res.writeHead(410).end('unsubscribed'));
    receiver.routes.set('/broken', (res) => res.writeHead(500).end());
    assert.equal((await deliver(webhookRequest(`${receiver.base}/created`), local)).ok, true);
    const gone = await deliver(webhookRequest(`${receiver.base}/gone`), local);
    assert.deepEqual(
      [gone.ok, gone.status, gone.giveUp, gone.error?.code],
      [false, 410, true, 'gone'],
    );
    const broken = await deliver(webhookRequest(`${receiver.base}/broken`), local);
    assert.deepEqual(
      [broken.ok, broken.status, broken.giveUp, broken.error?.code],
      [false, 500, false, 'http_status'],
    );
    assert.match(broken.error?.message['zh-CN'] ?? '', /500/);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port: dead } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await deliver(webhookRequest(`http://127.0.0.1:${dead}/`), local);
    assert.deepEqual(
      [result.ok, result.giveUp, result.error?.code],
      [false, false, 'network_error'],
    );
    assert.match(result.error?.message.en ?? '', /ECONNREFUSED/);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.routes.set('/slow', () => {});
    const started = performance.now();
    const result = await deliver(webhookRequest(`${receiver.base}/slow`), {
      ...local,
      timeoutMs: 150,
    });
    assert.deepEqual([result.ok, result.giveUp, result.error?.code], [false, false, 'timeout']);
    assert.ok(performance.now() - started < 1000);
  });

  it('reads at most maxResponseBytes of an answer, even an endless one', async () => {
    receiver.routes.set('/big', (res) => res.writeHead(200).end('x'.repeat(1024 * 1024)));
    const big = await deliver(webhookRequest(`${receiver.base}/big`), local);
    assert.equal(big.ok, true);
    assert.equal(big.body?.length, 64 * 1024);
    receiver.routes.set('/endless', (res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('y'.repeat(16 * 1024)), 5);
      res.on('close', () => clearInterval(timer));
    });
    const endless = await deliver(webhookRequest(`${receiver.base}/endless`), {
      ...local,
      maxResponseBytes: 1000,
      timeoutMs: 2000,
    });
    assert.deepEqual([endless.ok, endless.body?.length], [true, 1000]);
  });
});

describe('pinnedLookup', () => {
  const destination = {
    url: new URL('https://hooks.example.com/'),
    hostname: 'hooks.example.com',
    addresses: [
      { address: '93.184.215.14', family: 4 as const },
      { address: '2606:2800:21f:cb07::1', family: 6 as const },
    ],
  };
  const ask = (name: string, options: { family?: number; all?: boolean }) =>
    new Promise<unknown>((resolve) =>
      pinnedLookup(destination)(name, options, (error, address, family) =>
        resolve(error ? (error as { code?: string }).code : [address, family]),
      ),
    );

  it('answers only with the checked addresses, in either callback form', async () => {
    assert.deepEqual(await ask('hooks.example.com', { all: true }), [
      destination.addresses,
      undefined,
    ]);
    assert.deepEqual(await ask('hooks.example.com', {}), ['93.184.215.14', 4]);
    assert.deepEqual(await ask('hooks.example.com', { family: 6 }), ['2606:2800:21f:cb07::1', 6]);
  });

  it('refuses any other name', async () => {
    assert.equal(await ask('elsewhere.example.com', { all: true }), 'ENOTPINNED');
  });
});
