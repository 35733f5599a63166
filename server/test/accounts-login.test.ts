import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SESSION_POLICY } from '../src/accounts/sessions.ts';
import { loginRateLimiter } from '../src/auth/login-rate-limiter.ts';
import { call, makeUser, patchFresh, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, [], 'every query was served by an index'));

describe('POST /api/auth/login', () => {
  it('signs in the first admin and sets an httpOnly SameSite=Lax session cookie', async () => {
    const answer = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: server.admin.password },
    });
    assert.equal(answer.status, 200);
    const user = answer.json.user as Record<string, unknown>;
    assert.equal(user.username, 'admin');
    assert.deepEqual(user.roles, ['admin']);
    assert.equal(user.passwordHash, undefined, 'the hash never leaves the server');
    assert.equal(typeof answer.json.csrfToken, 'string');
    const cookie = answer.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^tessera_session=[A-Za-z0-9_-]{43}; /);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.doesNotMatch(cookie, /; Secure/, 'plain http: no Secure flag');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const direct = await app.request('https://tessera.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: server.admin.password }),
    });
    assert.match(direct.headers.get('set-cookie') ?? '', /; Secure/);
    const proxied = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: server.admin.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.match(proxied.headers.get('set-cookie') ?? '', /; Secure/);
  });

  it('ignores the case of the username', async () => {
    const answer = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'ADMIN', password: server.admin.password },
    });
    assert.equal(answer.status, 200);
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'not the password' },
    });
    const unknown = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: 'not the password' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.json.error?.code, 'invalid_credentials');
    assert.deepEqual(wrong.json, unknown.json);
    assert.equal(wrong.headers.get('set-cookie'), null);
  });

  it('refuses a malformed body naming the field', async () => {
    const answer = await call(app, 'POST', '/api/auth/login', { body: { username: 'admin' } });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error?.field, '/password');
  });
});

describe('sign-in limits', () => {
  it('answers 429 with Retry-After after 5 failures, even with the right password', async () => {
    const limited = await startTestServer({ loginLimiter: loginRateLimiter() });
    for (let i = 0; i < 5; i++) {
      const answer = await call(limited.app, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: `wrong password ${i}` },
      });
      assert.equal(answer.status, 401);
    }
    const blocked = await call(limited.app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: limited.admin.password },
    });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.error?.code, 'too_many_attempts');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me answers the signed-in user, and 401 to nobody', async () => {
    const session = await signIn(app, 'admin', server.admin.password);
    const me = await call(app, 'GET', '/api/auth/me', { as: session });
    assert.equal(me.status, 200);
    assert.equal((me.json.user as { username: string }).username, 'admin');
    assert.equal(me.json.csrfToken, session.csrf);
    assert.equal(me.json.via, 'session');
    const nobody = await call(app, 'GET', '/api/auth/me');
    assert.equal(nobody.status, 401);
    assert.equal(nobody.json.error?.code, 'unauthenticated');
  });

  it('logout ends the session and clears the cookie', async () => {
    const session = await signIn(app, 'admin', server.admin.password);
    const out = await call(app, 'POST', '/api/auth/logout', { as: session });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /^tessera_session=; Max-Age=0/);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: session })).status, 401);
    assert.equal(await server.storage.get(`session:${session.cookie}`), undefined);
  });

  it('stores sessions hashed: the cookie is not a document id', async () => {
    const session = await signIn(app, 'admin', server.admin.password);
    const page = await server.storage.find<{ user: string }>({
      index: 'owned-by-user',
      selector: { type: 'session', user: session.user.id },
    });
    assert.ok(page.docs.length > 0);
    for (const doc of page.docs) assert.ok(!doc._id.includes(session.cookie));
  });

  it('ends a session after 12 idle hours, and keeps a used one going', async () => {
    const idle = await signIn(app, 'admin', server.admin.password);
    const busy = await signIn(app, 'admin', server.admin.password);
    for (let hour = 0; hour < 14; hour += 2) {
      server.clock.advance(2 * 60 * 60_000);
      assert.equal((await call(app, 'GET', '/api/auth/me', { as: busy })).status, 200);
    }
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: idle })).status, 401);
  });

  it('ends every session 7 days after sign-in, however busy', async () => {
    const session = await signIn(app, 'admin', server.admin.password);
    const steps = Math.ceil(SESSION_POLICY.absoluteMs / SESSION_POLICY.idleMs) + 1;
    let last = 200;
    for (let step = 0; step < steps; step++) {
      server.clock.advance(SESSION_POLICY.idleMs - 60_000);
      last = (await call(app, 'GET', '/api/auth/me', { as: session })).status;
    }
    assert.equal(last, 401);
  });

  it('refuses an inactive user: no sign-in, and their sessions stop working', async () => {
    const admin = await signIn(app, 'admin', server.admin.password);
    const user = await makeUser(server, admin, {
      username: 'leaver',
      password: 'correct horse battery',
    });
    const session = await signIn(app, 'leaver', 'correct horse battery');
    const off = await patchFresh(app, admin, `/api/users/${user.id}`, { active: false });
    assert.equal(off.status, 200);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: session })).status, 401);
    const again = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'leaver', password: 'correct horse battery' },
    });
    assert.equal(again.status, 403);
    assert.equal(again.json.error?.code, 'account_inactive');
  });
});
