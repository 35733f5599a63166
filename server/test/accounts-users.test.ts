import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, patchFresh, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

const post = (path: string, body: unknown) => call(app, 'POST', path, { as: admin, body });
const patch = (path: string, body: Record<string, unknown>) => patchFresh(app, admin, path, body);

describe('usernames', () => {
  it('are unique under 10 concurrent creates, whatever the case: one wins, nine get 409', async () => {
    const names = [
      'Racer',
      'racer',
      'RACER',
      'rAcer',
      'raCer',
      'racEr',
      'raceR',
      'RAcer',
      'raCEr',
      'racER',
    ];
    const answers = await Promise.all(
      names.map((username) => post('/api/users', { username, password: 'correct horse battery' })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((each) => each.status === 409)) {
      assert.equal(answer.json.error?.code, 'username_taken');
      assert.equal(answer.json.error?.field, '/username');
    }
    const list = await call(app, 'GET', '/api/users?limit=1000', { as: admin });
    const racers = (list.json.items as { username: string }[]).filter(
      (user) => user.username.toLowerCase() === 'racer',
    );
    assert.equal(racers.length, 1, 'exactly one user was stored');
  });

  it('are released on rename, so someone else can take the old one', async () => {
    const first = await makeUser(server, admin, { username: 'old.name' });
    const renamed = await patch(`/api/users/${first.id}`, { username: 'new.name' });
    assert.equal(renamed.status, 200);
    assert.equal((renamed.json as { username: string }).username, 'new.name');
    await signIn(app, 'new.name', 'correct horse battery');
    const second = await post('/api/users', {
      username: 'OLD.name',
      password: 'another password 9',
    });
    assert.equal(second.status, 201);
    const taken = await patch(`/api/users/${first.id}`, { username: 'old.NAME' });
    assert.equal(taken.status, 409);
    assert.equal(taken.json.error?.field, '/username');
  });

  it('follow the rules: 3–64 of letters, digits, . _ -', async () => {
    for (const username of ['ab', 'has space', 'ünïcode', 'x'.repeat(65)]) {
      const answer = await post('/api/users', { username, password: 'correct horse battery' });
      assert.equal(answer.status, 400, username);
      assert.equal(answer.json.error?.field, '/username');
    }
  });
});

describe('POST /api/users and PATCH /api/users/{id}', () => {
  it('checks every reference, naming the field', async () => {
    const base = { username: 'ref.check', password: 'correct horse battery' };
    for (const [field, value] of [
      ['department', 'department:nope'],
      ['position', 'position:nope'],
      ['manager', 'user:nope'],
    ] as const) {
      const answer = await post('/api/users', { ...base, [field]: value });
      assert.equal(answer.status, 400, field);
      assert.equal(answer.json.error?.field, `/${field}`);
    }
    const short = await post('/api/users', { ...base, password: 'short' });
    assert.equal(short.json.error?.code, 'password_too_short');
    assert.equal(short.json.error?.field, '/password');
  });

  it('stores department, position and manager, and refuses a manager loop', async () => {
    const department = await post('/api/departments', { name: '财务部', code: 'FIN' });
    const position = await post('/api/positions', { name: '会计', code: 'ACC' });
    const boss = await makeUser(server, admin, { username: 'boss' });
    const middle = await makeUser(server, admin, {
      username: 'middle',
      department: department.json.id,
      position: position.json.id,
      manager: boss.id,
    });
    assert.equal(middle.department, department.json.id);
    assert.equal(middle.manager, boss.id);
    const worker = await makeUser(server, admin, { username: 'worker', manager: middle.id });

    const loop = await patch(`/api/users/${boss.id}`, { manager: worker.id });
    assert.equal(loop.status, 400);
    assert.equal(loop.json.error?.code, 'manager_loop');
    assert.equal(loop.json.error?.field, '/manager');
    const self = await patch(`/api/users/${boss.id}`, { manager: boss.id });
    assert.equal(self.json.error?.code, 'manager_loop');

    const cleared = await patch(`/api/users/${middle.id}`, { manager: null, position: null });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.json.manager, undefined);
    assert.equal(cleared.json.position, undefined);
    assert.equal(cleared.json.department, department.json.id);
  });

  it('keeps the last active admin an admin', async () => {
    const demote = await patch(`/api/users/${admin.user.id}`, { roles: ['user'] });
    assert.equal(demote.status, 409);
    assert.equal(demote.json.error?.code, 'last_admin');
    const second = await makeUser(server, admin, { username: 'second.admin', roles: ['admin'] });
    const now = await patch(`/api/users/${second.id}`, { roles: ['designer'] });
    assert.equal(now.status, 200, 'another admin remains');
  });

  it('answers 404 for an unknown user and refuses unknown fields', async () => {
    assert.equal((await call(app, 'GET', '/api/users/user:nope', { as: admin })).status, 404);
    const unknown = await patch(`/api/users/${admin.user.id}`, { passwordHash: 'x' });
    assert.equal(unknown.status, 400);
  });
});

describe('GET /api/users', () => {
  it('pages by username with a cursor and filters by department', async () => {
    const department = await post('/api/departments', { name: '人事部' });
    for (const name of ['pg.a', 'pg.b', 'pg.c']) {
      await makeUser(server, admin, { username: name, department: department.json.id });
    }
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = await call(
        app,
        'GET',
        `/api/users?department=${department.json.id}&limit=2${next ? `&cursor=${next}` : ''}`,
        { as: admin },
      );
      assert.equal(page.status, 200);
      seen.push(...(page.json.items as { username: string }[]).map((user) => user.username));
      next = page.json.next as string | undefined;
    } while (next);
    assert.deepEqual(seen, ['pg.a', 'pg.b', 'pg.c']);
    const bad = await call(app, 'GET', '/api/users?cursor=garbage', { as: admin });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error?.field, '?cursor');
  });
});
