import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';
import { exampleApp } from './helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

describe('apps over the API', () => {
  it('creates, publishes and serves versions and their types, and audits them', async () => {
    const created = await call(app, 'POST', '/api/apps', { as: admin, body: exampleApp() });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.equal(created.json.latestVersion, 0);

    const published = await call(app, 'POST', '/api/apps/contracts/publish', {
      as: admin,
      body: { note: 'first' },
    });
    assert.equal(published.status, 201);
    assert.equal(published.json.version, 1);

    const renamed = { ...exampleApp(), label: { en: 'Contracts 2', 'zh-CN': '合同 2' } };
    assert.equal(
      (await call(app, 'PUT', '/api/apps/contracts/draft', { as: admin, body: renamed })).status,
      200,
    );
    assert.equal(
      (await call(app, 'POST', '/api/apps/contracts/publish', { as: admin, body: {} })).json
        .version,
      2,
    );

    const versions = await call(app, 'GET', '/api/apps/contracts/versions', { as: admin });
    assert.deepEqual(
      (versions.json.versions as { version: number }[]).map((one) => one.version),
      [2, 1],
    );
    const first = await call(app, 'GET', '/api/apps/contracts/versions/1', { as: admin });
    assert.deepEqual((first.json.definition as { label: unknown }).label, exampleApp().label);

    const types = await app.request('/api/apps/contracts/versions/2/types', {
      headers: { cookie: `tessera_session=${admin.cookie}` },
    });
    assert.equal(types.status, 200);
    assert.match(await types.text(), /export interface Contract \{[\s\S]*amount/);

    const audit = await call(app, 'GET', '/api/audit?subject=app:contracts', { as: admin });
    assert.deepEqual(
      (audit.json.entries as { action: string }[]).map((one) => one.action),
      ['app.saveDraft', 'app.create'],
    );
  });

  it('answers bad definitions, unknown apps and duplicates with the field or rule', async () => {
    const broken = exampleApp();
    (broken.tables as { fields: { type: string }[] }[])[0]!.fields[0]!.type = 'signature';
    const refused = await call(app, 'POST', '/api/apps', {
      as: admin,
      body: { ...broken, id: 'broken' },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error?.code, 'invalid_app');
    assert.equal(refused.json.error?.field, '/tables/0/fields/0/type');
    assert.equal((await call(app, 'GET', '/api/apps/nope', { as: admin })).status, 404);
    assert.equal(
      (await call(app, 'GET', '/api/apps/contracts/versions/x', { as: admin })).json.error?.code,
      'invalid_version',
    );
    assert.equal(
      (await call(app, 'POST', '/api/apps', { as: admin, body: exampleApp() })).status,
      409,
    );
  });

  it('lets designers change apps, users only read them, and nobody anonymous', async () => {
    await makeUser(server, admin, { username: 'designer.zhao', roles: ['designer'] });
    await makeUser(server, admin, { username: 'user.qian', roles: ['user'] });
    const designer = await signIn(app, 'designer.zhao', 'correct horse battery');
    const user = await signIn(app, 'user.qian', 'correct horse battery');
    const draft = { ...exampleApp(), id: 'byDesigner' };
    assert.equal((await call(app, 'POST', '/api/apps', { as: designer, body: draft })).status, 201);
    assert.equal(
      (await call(app, 'POST', '/api/apps', { as: user, body: { ...draft, id: 'byUser' } })).status,
      403,
    );
    assert.equal((await call(app, 'GET', '/api/apps', { as: user })).status, 200);
    assert.equal((await call(app, 'GET', '/api/apps')).status, 401);
    assert.equal(
      (await call(app, 'GET', '/api/audit?subject=app:byDesigner', { as: user })).status,
      403,
    );
  });
});
