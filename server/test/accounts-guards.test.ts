import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
await makeUser(server, admin, { username: 'plain.user', roles: ['user', 'designer'] });
const user = await signIn(app, 'plain.user', 'correct horse battery');
after(() => assert.deepEqual(server.storage.warnings, []));

const ADMIN_ONLY: readonly [string, string, unknown?][] = [
  ['GET', '/api/users'],
  ['POST', '/api/users', { username: 'x-user', password: 'correct horse battery' }],
  ['GET', '/api/users/user:x'],
  ['PATCH', '/api/users/user:x', { _rev: '1-x', displayName: 'X' }],
  ['POST', '/api/users/user:x/password', { password: 'correct horse battery' }],
  ['POST', '/api/departments', { name: '总部' }],
  ['PATCH', '/api/departments/department:x', { _rev: '1-x', name: 'X' }],
  ['DELETE', '/api/departments/department:x'],
  ['POST', '/api/positions', { name: '经理' }],
  ['PATCH', '/api/positions/position:x', { _rev: '1-x', name: 'X' }],
  ['DELETE', '/api/positions/position:x'],
  ['POST', '/api/import/users'],
  ['POST', '/api/import/departments'],
];

const SIGNED_IN: readonly [string, string][] = [
  ['GET', '/api/auth/me'],
  ['GET', '/api/auth/tokens'],
  ['GET', '/api/departments'],
  ['GET', '/api/positions'],
];

describe('guards', () => {
  it('answers 401 to nobody and 403 to a plain user on admin routes', async () => {
    for (const [method, path, body] of ADMIN_ONLY) {
      const nobody = await call(app, method, path, { body });
      assert.equal(nobody.status, 401, `${method} ${path} for nobody`);
      assert.equal(nobody.json.error?.code, 'unauthenticated');
      const plain = await call(app, method, path, { as: user, body });
      assert.equal(plain.status, 403, `${method} ${path} for a plain user`);
      assert.equal(plain.json.error?.code, 'forbidden');
    }
  });

  it('lets an admin through the same routes (then the route decides)', async () => {
    for (const [method, path, body] of ADMIN_ONLY) {
      const answer = await call(app, method, path, { as: admin, body });
      assert.ok(![401, 403].includes(answer.status), `${method} ${path}: ${answer.status}`);
    }
  });

  it('lets any signed-in user read the organisation, and nobody else', async () => {
    for (const [method, path] of SIGNED_IN) {
      assert.equal((await call(app, method, path)).status, 401, `${method} ${path}`);
      assert.equal((await call(app, method, path, { as: user })).status, 200, `${method} ${path}`);
    }
  });
});
