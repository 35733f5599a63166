import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, patchFresh, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

describe('API tokens', () => {
  it('shows a token once, lists it without the secret, and revokes it', async () => {
    const made = await call(app, 'POST', '/api/auth/tokens', {
      as: admin,
      body: { name: 'nightly export' },
    });
    assert.equal(made.status, 201);
    const token = String(made.json.token);
    assert.match(token, /^tsr_[A-Za-z0-9_-]{43}$/);
    const id = String(made.json.id);
    assert.match(id, /^apitoken:/);
    assert.ok(!id.includes(token.slice(4)), 'the id is a digest, not the token');

    const me = await call(app, 'GET', '/api/auth/me', { as: { bearer: token } });
    assert.equal(me.status, 200);
    assert.equal(me.json.via, 'token');

    const list = await call(app, 'GET', '/api/auth/tokens', { as: admin });
    const items = list.json.items as Record<string, unknown>[];
    const listed = items.find((item) => item.id === id);
    assert.ok(listed);
    assert.equal(listed.token, undefined, 'never shown again');
    assert.equal(typeof listed.lastUsedAt, 'string', 'its last use is recorded');

    const revoked = await call(app, 'DELETE', `/api/auth/tokens/${id}`, { as: admin });
    assert.equal(revoked.status, 200);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: { bearer: token } })).status, 401);
  });

  it('lets users see and revoke only their own tokens', async () => {
    await makeUser(server, admin, { username: 'wu.fang' });
    const wu = await signIn(app, 'wu.fang', 'correct horse battery');
    const theirs = await call(app, 'POST', '/api/auth/tokens', { as: admin, body: { name: 'a' } });
    const mine = await call(app, 'GET', '/api/auth/tokens', { as: wu });
    assert.deepEqual(mine.json.items, []);
    const steal = await call(app, 'DELETE', `/api/auth/tokens/${String(theirs.json.id)}`, {
      as: wu,
    });
    assert.equal(steal.status, 404);
  });

  it('stops working at its expiry and refuses an expiry in the past', async () => {
    const soon = new Date(server.clock.now + 60 * 60_000).toISOString();
    const made = await call(app, 'POST', '/api/auth/tokens', {
      as: admin,
      body: { name: 'short-lived', expiresAt: soon },
    });
    const token = { bearer: String(made.json.token) };
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: token })).status, 200);
    server.clock.advance(2 * 60 * 60_000);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: token })).status, 401);
    const past = await call(app, 'POST', '/api/auth/tokens', {
      as: admin,
      body: { name: 'past', expiresAt: new Date(server.clock.now - 1000).toISOString() },
    });
    assert.equal(past.status, 400);
    assert.equal(past.json.error?.field, '/expiresAt');
  });

  it('answers 401 to a made-up or malformed bearer token', async () => {
    assert.equal(
      (await call(app, 'GET', '/api/auth/me', { as: { bearer: 'tsr_nope' } })).status,
      401,
    );
    const malformed = await app.request('/api/auth/me', { headers: { authorization: 'Bearer ' } });
    assert.equal(malformed.status, 401);
  });

  it('stops a token of a deactivated user', async () => {
    const user = await makeUser(server, admin, { username: 'temp-bot' });
    const session = await signIn(app, 'temp-bot', 'correct horse battery');
    const made = await call(app, 'POST', '/api/auth/tokens', { as: session, body: { name: 'x' } });
    await patchFresh(app, admin, `/api/users/${user.id}`, { active: false });
    const me = await call(app, 'GET', '/api/auth/me', { as: { bearer: String(made.json.token) } });
    assert.equal(me.status, 401);
  });
});
