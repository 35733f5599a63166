import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { checkDestination, type LookupAll } from '../src/webhooks/check-destination.ts';
import { type DeliverOptions, deliver } from '../src/webhooks/deliver.ts';
import { startReceiver, webhookRequest } from './webhooks-receiver.ts';

/** The only place this file sends traffic to. */
const receiver = await startReceiver();
after(() => receiver.close());
beforeEach(() => receiver.reset());

const clock = (): number => 1_750_000_000_000;
const local: DeliverOptions = { allowPrivate: true, now: clock };

describe('deliver and redirects', () => {
  it('follows a redirect with the same signed POST, re-checking the target', async () => {
    receiver.routes.set('/moved', (res) => res.writeHead(308, { location: '/here' }).end());
    const result = await deliver(webhookRequest(`${receiver.base}/moved`), local);
    assert.equal(result.ok, true);
    assert.equal(result.url, `${receiver.base}/here`);
    const [first, second] = receiver.received;
    assert.equal(second?.path, '/here');
    assert.equal(second?.body, first?.body);
    assert.equal(second?.headers['x-tessera-signature'], first?.headers['x-tessera-signature']);
  });

  it('stops after three redirects', async () => {
    for (const n of [0, 1, 2, 3])
      receiver.routes.set(`/r${n}`, (res) => res.writeHead(302, { location: `/r${n + 1}` }).end());
    const result = await deliver(webhookRequest(`${receiver.base}/r0`), local);
    assert.deepEqual(
      [result.ok, result.status, result.error?.code],
      [false, 302, 'too_many_redirects'],
    );
    assert.deepEqual(
      receiver.received.map((r) => r.path),
      ['/r0', '/r1', '/r2', '/r3'],
    );
  });

  it('refuses a redirect to a private address though the first hop was public', async () => {
    const lookup: LookupAll = async (host) => {
      const table: Record<string, string> = {
        'hooks.example.test': '93.184.215.14',
        'internal.example.test': '10.0.0.1',
      };
      return table[host] ? [{ address: table[host], family: 4 }] : [];
    };
    // Hop 1 passes the check as a public address but is pinned to the loopback receiver.
    const check = async (url: string) => {
      const checked = await checkDestination(url, { lookup });
      const pinned = checked.hostname === 'hooks.example.test';
      return pinned
        ? { ...checked, addresses: [{ address: '127.0.0.1', family: 4 as const }] }
        : checked;
    };
    const targets = [
      'http://10.0.0.1/steal',
      'http://internal.example.test/',
      'http://[::ffff:10.0.0.1]/',
      'http://169.254.169.254/',
    ];
    for (const target of targets) {
      receiver.routes.set('/hop', (res) => res.writeHead(302, { location: target }).end());
      const result = await deliver(
        webhookRequest(`http://hooks.example.test:${receiver.port}/hop`),
        { check },
      );
      assert.equal(result.ok, false, target);
      assert.equal(result.giveUp, true);
      assert.match(result.error?.code ?? '', /^(private|metadata)_address$/);
      assert.equal(result.url, new URL(target).href);
    }
    assert.deepEqual(
      receiver.received.map((r) => r.headers.host),
      Array(4).fill(`hooks.example.test:${receiver.port}`),
    );
  });

  it('refuses a redirect to metadata or another scheme even with allowPrivate', async () => {
    for (const [target, code] of [
      ['http://169.254.169.254/latest/meta-data/', 'metadata_address'],
      ['http://metadata.google.internal/', 'metadata_host'],
      ['file:///etc/passwd', 'unsupported_scheme'],
    ]) {
      receiver.routes.set('/hop', (res) => res.writeHead(307, { location: target }).end());
      const result = await deliver(webhookRequest(`${receiver.base}/hop`), local);
      assert.deepEqual([result.ok, result.giveUp, result.error?.code], [false, true, code], target);
    }
  });
});
