import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, signIn } from './accounts-helpers.ts';
import { startWebhookWorld, subscribe } from './webhooks-helpers.ts';

const world = await startWebhookWorld();
const { app, admin } = world;
after(() => assert.deepEqual(world.storage.warnings, []));

const HOOK = { url: 'https://hooks.example/tessera', events: ['record.created'] };

describe('webhook subscriptions', () => {
  it('creates a webhook and shows its secret once', async () => {
    const made = await subscribe(world, { ...HOOK, app: 'contracts', description: 'ERP' });
    assert.match(made.id, /^webhook:/);
    assert.match(made.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { url: made.url, events: made.events, app: made.app, active: made.active },
      { url: HOOK.url, events: HOOK.events, app: 'contracts', active: true },
    );
    assert.equal(made.createdBy, admin.user.id);
    const read = await call(app, 'GET', `/api/webhooks/${made.id}`, { as: admin });
    assert.equal(read.status, 200);
    assert.equal('secret' in read.json, false);
    const list = await call(app, 'GET', '/api/webhooks', { as: admin });
    const items = list.json.items as Record<string, unknown>[];
    assert.ok(items.some((item) => item.id === made.id));
    assert.ok(items.every((item) => !('secret' in item)));
    const stored = await world.storage.get<{ secret: string }>(made.id);
    assert.equal(stored?.secret, made.secret, 'kept in the shared storage, so any server signs');
  });

  it('lists webhooks a cursor page at a time, oldest first', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await subscribe(world, HOOK)).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        app,
        'GET',
        `/api/webhooks?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          as: admin,
        },
      );
      assert.equal(page.status, 200, JSON.stringify(page.json));
      seen.push(...(page.json.items as { id: string }[]).map((item) => item.id));
      cursor = page.json.next as string | undefined;
    } while (cursor);
    assert.deepEqual(seen.slice(-3), ids);
  });

  it('changes a webhook with the _rev it read; a stale one is 409', async () => {
    const made = await subscribe(world, HOOK);
    const path = `/api/webhooks/${made.id}`;
    const changed = await call(app, 'PATCH', path, {
      as: admin,
      body: { _rev: made._rev, events: ['record.updated', 'record.deleted'], active: false },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    assert.deepEqual(changed.json.events, ['record.updated', 'record.deleted']);
    assert.equal(changed.json.active, false);
    const stale = await call(app, 'PATCH', path, {
      as: admin,
      body: { _rev: made._rev, description: 'late' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.error?.code, 'conflict');
    assert.equal(stale.json.error?.field, '/_rev');
    const cleared = await call(app, 'PATCH', path, {
      as: admin,
      body: { _rev: changed.json._rev, app: 'contracts', table: 'contract' },
    });
    assert.equal(cleared.status, 200);
    const unscoped = await call(app, 'PATCH', path, {
      as: admin,
      body: { _rev: cleared.json._rev, app: null },
    });
    assert.equal(unscoped.status, 400, 'a table filter without an app');
    assert.equal(unscoped.json.error?.field, '/table');
  });

  it('rotates the secret, shown once again, and deletes', async () => {
    const made = await subscribe(world, HOOK);
    const rotated = await call(app, 'POST', `/api/webhooks/${made.id}/secret`, { as: admin });
    assert.equal(rotated.status, 200);
    assert.match(String(rotated.json.secret), /^whsec_/);
    assert.notEqual(rotated.json.secret, made.secret);
    const stored = await world.storage.get<{ secret: string }>(made.id);
    assert.equal(stored?.secret, rotated.json.secret);
    const gone = await call(app, 'DELETE', `/api/webhooks/${made.id}`, { as: admin });
    assert.deepEqual([gone.status, gone.json], [200, { deleted: true }]);
    const read = await call(app, 'GET', `/api/webhooks/${made.id}`, { as: admin });
    assert.equal(read.status, 404);
  });

  it('refuses unknown events and a table without an app, naming the field', async () => {
    const event = await call(app, 'POST', '/api/webhooks', {
      as: admin,
      body: { ...HOOK, events: ['record.exploded'] },
    });
    assert.equal(event.status, 400);
    assert.match(event.json.error?.field ?? '', /^\/events/);
    const table = await call(app, 'POST', '/api/webhooks', {
      as: admin,
      body: { ...HOOK, table: 'contract' },
    });
    assert.equal(table.status, 400);
    assert.equal(table.json.error?.field, '/table');
  });

  it('refuses loopback, private and metadata URLs by default, naming /url', async () => {
    for (const [url, code] of [
      ['http://127.0.0.1:9/hook', 'loopback_address'],
      ['http://[::1]/hook', 'loopback_address'],
      ['http://10.1.2.3/hook', 'private_address'],
      ['http://169.254.169.254/latest', 'metadata_address'],
      ['ftp://hooks.example/x', 'unsupported_scheme'],
      ['https://nowhere.invalid/x', 'unresolved_host'],
    ] as const) {
      const refused = await call(app, 'POST', '/api/webhooks', {
        as: admin,
        body: { ...HOOK, url },
      });
      assert.equal(refused.status, 400, url);
      assert.equal(refused.json.error?.code, code, url);
      assert.equal(refused.json.error?.field, '/url', url);
    }
    const made = await subscribe(world, HOOK);
    const patched = await call(app, 'PATCH', `/api/webhooks/${made.id}`, {
      as: admin,
      body: { _rev: made._rev, url: 'http://192.168.1.1/' },
    });
    assert.equal(patched.status, 400);
    assert.equal(patched.json.error?.field, '/url');
    const chinese = await call(app, 'POST', '/api/webhooks?locale=zh-CN', {
      as: admin,
      body: { ...HOOK, url: 'http://127.0.0.1/' },
    });
    assert.match(chinese.json.error?.message ?? '', /回环地址/);
  });

  it('is for admins only', async () => {
    const password = 'correct horse battery';
    const body = { username: 'li.na', password, roles: ['user', 'designer'] };
    assert.equal((await call(app, 'POST', '/api/users', { as: admin, body })).status, 201);
    const user = await signIn(app, 'li.na', password);
    const made = await subscribe(world, HOOK);
    for (const [method, path] of [
      ['GET', '/api/webhooks'],
      ['POST', '/api/webhooks'],
      ['GET', `/api/webhooks/${made.id}`],
      ['PATCH', `/api/webhooks/${made.id}`],
      ['DELETE', `/api/webhooks/${made.id}`],
      ['POST', `/api/webhooks/${made.id}/secret`],
      ['GET', `/api/webhooks/${made.id}/deliveries`],
    ] as const) {
      const body = method === 'POST' || method === 'PATCH' ? HOOK : undefined;
      const answer = await call(app, method, path, { as: user, ...(body ? { body } : {}) });
      assert.equal(answer.status, 403, `${method} ${path}`);
    }
    const anonymous = await call(app, 'GET', '/api/webhooks');
    assert.equal(anonymous.status, 401);
  });

  it('documents the routes in the OpenAPI document with their guard', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-tessera-guard': string }>>;
    };
    for (const path of [
      '/api/webhooks',
      '/api/webhooks/{id}',
      '/api/webhooks/{id}/secret',
      '/api/webhooks/{id}/deliveries',
      '/api/webhooks/{id}/deliveries/{deliveryId}/retry',
    ]) {
      const operations = Object.values(document.paths[path] ?? {});
      assert.ok(operations.length > 0, path);
      for (const operation of operations) assert.equal(operation['x-tessera-guard'], 'role(admin)');
    }
  });
});
