import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

describe('POST /api/auth/password', () => {
  it('changes the password and ends the user’s other sessions, not this one', async () => {
    await makeUser(server, admin, { username: 'mei', password: 'first password 1' });
    const here = await signIn(app, 'mei', 'first password 1');
    const elsewhere = await signIn(app, 'mei', 'first password 1');
    const changed = await call(app, 'POST', '/api/auth/password', {
      as: here,
      body: { current: 'first password 1', next: 'second password 2' },
    });
    assert.equal(changed.status, 200);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: here })).status, 200);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: elsewhere })).status, 401);
    const old = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'mei', password: 'first password 1' },
    });
    assert.equal(old.status, 401);
    await signIn(app, 'mei', 'second password 2');
  });

  it('needs the right current password and a valid new one, naming the field', async () => {
    await makeUser(server, admin, { username: 'lin', password: 'first password 1' });
    const session = await signIn(app, 'lin', 'first password 1');
    const wrong = await call(app, 'POST', '/api/auth/password', {
      as: session,
      body: { current: 'not it at all', next: 'second password 2' },
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error?.code, 'wrong_password');
    assert.equal(wrong.json.error?.field, '/current');
    const short = await call(app, 'POST', '/api/auth/password', {
      as: session,
      body: { current: 'first password 1', next: 'short' },
    });
    assert.equal(short.status, 400);
    assert.equal(short.json.error?.code, 'password_too_short');
    assert.equal(short.json.error?.field, '/next');
  });
});

describe('POST /api/users/{id}/password (admin reset)', () => {
  it('sets the password and ends every session of the user', async () => {
    const user = await makeUser(server, admin, { username: 'zhao', password: 'first password 1' });
    const session = await signIn(app, 'zhao', 'first password 1');
    const reset = await call(app, 'POST', `/api/users/${user.id}/password`, {
      as: admin,
      body: { password: 'reset password 3' },
    });
    assert.equal(reset.status, 200);
    assert.equal((await call(app, 'GET', '/api/auth/me', { as: session })).status, 401);
    await signIn(app, 'zhao', 'reset password 3');
    const missing = await call(app, 'POST', '/api/users/user:nope/password', {
      as: admin,
      body: { password: 'reset password 3' },
    });
    assert.equal(missing.status, 404);
  });
});
