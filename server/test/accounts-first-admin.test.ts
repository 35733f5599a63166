import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { activeAdminExists } from '../src/accounts/admins.ts';
import { createAdmin, ensureFirstAdmin, FIRST_ADMIN_ID } from '../src/accounts/first-admin.ts';
import { createApp } from '../src/index.ts';
import { call, signIn } from './accounts-helpers.ts';
import { makeStorage, testPlatform } from './helpers.ts';

const storage = await makeStorage();
const context = { storage, now: Date.now };
after(() => assert.deepEqual(storage.warnings, []));

describe('the first admin', () => {
  it('is created exactly once when five starts race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => ensureFirstAdmin(context)));
    const created = results.filter((result) => result.created);
    assert.equal(created.length, 1, 'one caller made it and got the password');
    const users = await storage.find<{ username: string; roles: string[] }>({
      index: 'users-by-username',
      selector: { type: 'user' },
    });
    assert.equal(users.docs.length, 1);
    assert.equal(users.docs[0]!.username, 'admin');
    assert.deepEqual(users.docs[0]!.roles, ['admin']);

    const winner = created[0]!;
    assert.ok(winner.created);
    assert.match(winner.password, /^[A-Za-z0-9]{16}$/);
    const app = createApp({ platform: testPlatform, storage });
    await signIn(app, 'admin', winner.password);
    assert.deepEqual(await ensureFirstAdmin(context), { created: false }, 'later starts make none');
  });

  it('finishes a bootstrap a crash interrupted', async () => {
    const crashed = await makeStorage();
    const crashedContext = { storage: crashed, now: Date.now };
    await ensureFirstAdmin(crashedContext);
    const bootstrap = await crashed.get<{ user: string; completed?: boolean }>(FIRST_ADMIN_ID);
    assert.ok(bootstrap?.completed);
    // as if the process died after writing the bootstrap document only
    const user = await crashed.get(bootstrap.user);
    await crashed.remove(user!._id, user!._rev);
    await crashed.update({ ...bootstrap, completed: false });
    assert.equal(await activeAdminExists(crashedContext), false);
    assert.deepEqual(await ensureFirstAdmin(crashedContext), { created: false });
    assert.equal(await activeAdminExists(crashedContext), true, 'the admin is written on restart');
  });

  it('is not made when an admin exists already (made by the CLI)', async () => {
    const other = await makeStorage();
    const otherContext = { storage: other, now: Date.now };
    const made = await createAdmin(otherContext, { username: 'root.admin' });
    assert.match(made.password, /^[A-Za-z0-9]{16}$/);
    assert.deepEqual(await ensureFirstAdmin(otherContext), { created: false });
    assert.equal(await other.get(FIRST_ADMIN_ID), undefined);
  });
});

describe('createAdmin (for `tessera admin create`)', () => {
  it('makes an admin who can sign in, and refuses a taken username', async () => {
    const made = await createAdmin(context, {
      username: 'ops',
      password: 'a long enough password',
    });
    assert.deepEqual(made.user.roles, ['admin']);
    const app = createApp({ platform: testPlatform, storage });
    const session = await signIn(app, 'ops', 'a long enough password');
    assert.equal((await call(app, 'GET', '/api/users', { as: session })).status, 200);
    await assert.rejects(createAdmin(context, { username: 'OPS' }), { code: 'username_taken' });
  });
});
