import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
const password = 'correct horse battery';
const create = (username: string) =>
  call(app, 'POST', '/api/users', { as: admin, body: { username, password } });

describe('look-alike usernames', () => {
  it('refuses a username with an invisible character, naming the field', async () => {
    for (const username of ['adm\u200Bin', 'new\u2060user', '\u202Eevil.name']) {
      const answer = await create(username);
      assert.equal(answer.status, 400, JSON.stringify(username));
      assert.equal(answer.json.error?.code, 'invalid_username');
      assert.equal(answer.json.error?.field, '/username');
      assert.match(String(answer.json.error?.message), /invisible character/);
    }
  });

  it('takes a full-width username as the same name as its ASCII form', async () => {
    const taken = await create('ＡＤＭＩＮ');
    assert.equal(taken.status, 409);
    assert.equal(taken.json.error?.code, 'username_taken');

    const made = await create(' Ｗａｎｇ.Ｆａｎｇ ');
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal(made.json.username, 'Wang.Fang', 'stored normalised');
    assert.equal((await create('wang.fang')).status, 409);
    const renamed = await call(app, 'PATCH', `/api/users/${made.json.id}`, {
      as: admin,
      body: { _rev: made.json._rev, username: 'ａｄｍｉｎ' },
    });
    assert.equal(renamed.status, 409);
    assert.equal(renamed.json.error?.code, 'username_taken');
  });

  it('signs in by the normalised name, and never by one with an invisible character', async () => {
    const wide = await signIn(app, 'ＡＤＭＩＮ', server.admin.password);
    assert.equal(wide.user.id, admin.user.id);
    const hidden = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'adm\u200Bin', password: server.admin.password },
    });
    assert.equal(hidden.status, 401);
  });
});
