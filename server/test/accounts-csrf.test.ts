import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

const newPosition = (name: string) => ({ body: { name } });

describe('CSRF protection of cookie sessions', () => {
  it('refuses a cookie write without the x-csrf-token header', async () => {
    const answer = await call(app, 'POST', '/api/positions', {
      as: admin,
      noCsrf: true,
      ...newPosition('经理'),
    });
    assert.equal(answer.status, 403);
    assert.equal(answer.json.error?.code, 'csrf_token_missing');
  });

  it('refuses another session’s token and a cross-origin request', async () => {
    const other = await signIn(app, 'admin', server.admin.password);
    const mixed = await call(app, 'POST', '/api/positions', {
      as: { ...admin, csrf: other.csrf },
      ...newPosition('经理'),
    });
    assert.equal(mixed.json.error?.code, 'csrf_token_mismatch');
    const crossSite = await call(app, 'POST', '/api/positions', {
      as: admin,
      headers: { origin: 'https://evil.example' },
      ...newPosition('经理'),
    });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.json.error?.code, 'cross_origin');
  });

  it('accepts a same-origin cookie write with the token given at sign-in', async () => {
    const answer = await call(app, 'POST', '/api/positions', { as: admin, ...newPosition('会计') });
    assert.equal(answer.status, 201);
  });

  it('needs no CSRF token with a bearer token, and then ignores the cookie', async () => {
    const user = await makeUser(server, admin, { username: 'integrator', roles: ['user'] });
    const session = await signIn(app, 'integrator', 'correct horse battery');
    const made = await call(app, 'POST', '/api/auth/tokens', { as: session, body: { name: 'ci' } });
    assert.equal(made.status, 201);
    const bearer = String(made.json.token);
    const write = await app.request('/api/auth/tokens', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        cookie: `tessera_session=${admin.cookie}`,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'second' }),
    });
    assert.equal(write.status, 201, 'no CSRF token needed');
    const me = await app.request('/api/auth/me', {
      headers: { authorization: `Bearer ${bearer}`, cookie: `tessera_session=${admin.cookie}` },
    });
    const body = (await me.json()) as { user: { id: string }; via: string; csrfToken?: string };
    assert.equal(body.user.id, user.id, 'the token decides, not the admin’s cookie');
    assert.equal(body.via, 'token');
    assert.equal(body.csrfToken, undefined);
    const adminOnly = await app.request('/api/users', {
      headers: { authorization: `Bearer ${bearer}`, cookie: `tessera_session=${admin.cookie}` },
    });
    assert.equal(adminOnly.status, 403, 'the admin cookie lends no rights to the token');
  });

  it('lets a browser with a stale cookie sign in again without a CSRF token', async () => {
    const stale = await signIn(app, 'admin', server.admin.password);
    await call(app, 'POST', '/api/auth/logout', { as: stale });
    const again = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: server.admin.password },
      headers: { cookie: `tessera_session=${stale.cookie}`, origin: 'http://localhost' },
    });
    assert.equal(again.status, 200);
    const crossSite = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: server.admin.password },
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(crossSite.json.error?.code, 'cross_origin', 'no login CSRF');
  });
});
