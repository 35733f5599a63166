import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';
import { assetPack } from './packs-helpers.ts';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}

describe('the app store API', () => {
  it('installs the bundled contract pack in one step, and every view has rows', async () => {
    const server = await startTestServer();
    const admin = await signIn(server.app, 'admin', server.admin.password);
    const legal = await makeUser(server, admin, {
      username: 'wang.fang',
      displayName: '王芳',
      password: 'correct horse battery',
    });
    const sales = await makeUser(server, admin, {
      username: 'chen.xiao',
      password: 'correct horse battery',
    });
    const listed = await call(server.app, 'GET', '/api/packs', { as: admin });
    assert.equal(listed.status, 200);
    const contract = (listed.json.packs as Record<string, unknown>[]).find(
      (one) => one.name === 'contract',
    )!;
    assert.equal(contract.valid, true, JSON.stringify(contract.issues));
    assert.ok((contract.roles as unknown[]).length >= 6);
    assert.ok((contract.plugins as { ok: boolean }[]).every((one) => one.ok));
    assert.equal(contract.screenshot, '/api/packs/contract/screenshot');
    const image = await server.app.request('/api/packs/contract/screenshot', {
      headers: { cookie: `tessera_session=${admin.cookie}` },
    });
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    const bytes = new Uint8Array(await image.arrayBuffer());
    assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');

    const started = await call(server.app, 'POST', '/api/packs/contract/install', {
      as: admin,
      body: { roles: { legal: { users: [legal.id] }, sales: { users: [sales.id] } } },
    });
    assert.equal(started.status, 202, JSON.stringify(started.json));
    const done = await until(
      () => call(server.app, 'GET', '/api/packs/contract/install', { as: admin }),
      (answer) => (answer.json.install as { state: string }).state !== 'installing',
    );
    const install = done.json.install as Record<string, unknown>;
    assert.equal(install.state, 'installed', JSON.stringify(install));
    assert.equal(install.done, install.total);
    assert.equal(install.written, undefined, 'the journal’s id list is not shown');

    const views = await call(server.app, 'GET', '/api/apps/contract/views', { as: admin });
    const ids = (views.json.items as { id: string }[]).map((one) => one.id);
    assert.ok(ids.length >= 10);
    for (const id of ids) {
      const rows = await call(server.app, 'GET', `/api/apps/contract/views/${id}/rows`, {
        as: admin,
      });
      assert.equal(rows.status, 200, `${id}: ${JSON.stringify(rows.json)}`);
      assert.ok((rows.json.items as unknown[]).length > 0, `view ${id} is empty`);
    }

    // a chart grouped by a link is labelled with the linked customers' names, not their ids
    const byCustomer = await call(
      server.app,
      'GET',
      '/api/apps/contract/views/sales_by_customer/summary',
      { as: admin, headers: { 'accept-language': 'zh-CN' } },
    );
    const labels = (byCustomer.json.groups as { label: string }[]).map((one) => one.label);
    assert.ok(labels.length > 0);
    for (const label of labels) assert.doesNotMatch(label, /^record:/);
    assert.ok(
      labels.some((label) => label.includes('有限公司')),
      labels.join(', '),
    );

    // 新建 lists the flows a person may start: their start nodes' initiators
    const startable = async (username: string) => {
      const session = await signIn(server.app, username, 'correct horse battery');
      const workspace = await call(server.app, 'GET', '/api/workspace', { as: session });
      const app = (
        workspace.json.apps as { id: string; flows: { id: string; startable: boolean }[] }[]
      ).find((one) => one.id === 'contract')!;
      return app.flows.filter((flow) => flow.startable).map((flow) => flow.id);
    };
    assert.deepEqual(await startable('wang.fang'), [], 'legal reviews, it starts nothing');
    assert.deepEqual(await startable('chen.xiao'), ['sales_approval', 'sales_change']);

    const again = await call(server.app, 'POST', '/api/packs/contract/install', {
      as: admin,
      body: { roles: {} },
    });
    assert.equal(again.status, 200, 'installing the installed version again changes nothing');
  });

  it('keeps the app store to admins and implementers', async () => {
    const server = await startTestServer();
    const admin = await signIn(server.app, 'admin', server.admin.password);
    await makeUser(server, admin, { username: 'li.lei', password: 'correct horse battery' });
    const user = await signIn(server.app, 'li.lei', 'correct horse battery');
    const answer = await call(server.app, 'GET', '/api/packs', { as: user });
    assert.equal(answer.status, 403);
  });

  it('refuses an invalid upload naming each issue, and exports an installed app as a file', async () => {
    const server = await startTestServer();
    const admin = await signIn(server.app, 'admin', server.admin.password);
    const broken = assetPack();
    (broken.tables as { fields: { type: string }[] }[])[0]!.fields[0]!.type = 'colour';
    const refused = await call(server.app, 'POST', '/api/packs/uploads', {
      as: admin,
      body: broken,
    });
    assert.equal(refused.status, 400);
    const error = refused.json.error as unknown as { field: string; issues: { path: string }[] };
    assert.equal(error.field, '/tables/0/fields/0/type');
    assert.equal(error.issues[0]?.path, '/tables/0/fields/0/type');

    const uploaded = await call(server.app, 'POST', '/api/packs/uploads', {
      as: admin,
      body: assetPack(),
    });
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
    const twice = await call(server.app, 'POST', '/api/packs/uploads', {
      as: admin,
      body: assetPack(),
    });
    assert.equal(twice.status, 409);
    await call(server.app, 'POST', '/api/packs/asset-register/install', {
      as: admin,
      body: { roles: {} },
    });
    await until(
      () => call(server.app, 'GET', '/api/packs/asset-register/install', { as: admin }),
      (answer) => (answer.json.install as { state: string }).state === 'installed',
    );
    const exported = await call(server.app, 'GET', '/api/packs/asset-register/export?data=all', {
      as: admin,
    });
    assert.equal(exported.status, 200);
    assert.match(
      exported.headers.get('content-disposition') ?? '',
      /attachment; filename="asset-register-1.0.0.pack.json"/,
    );
    assert.equal((exported.json.demo as { asset: unknown[] }).asset.length, 2);

    const removed = await call(server.app, 'POST', '/api/packs/asset-register/uninstall', {
      as: admin,
      body: { data: 'remove' },
    });
    assert.equal(removed.status, 200);
    assert.ok((removed.json.removed as number) > 4);
    const gone = await call(server.app, 'GET', '/api/packs/asset-register/install', { as: admin });
    assert.equal(gone.status, 404);
  });
});
