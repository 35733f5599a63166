import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Answer, call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

interface Kind {
  readonly what: string;
  /** Creates one and answers the 201. */
  make(n: number): Promise<Answer>;
  /** Reads it again (with its `_rev`). */
  read(id: string): Promise<Record<string, unknown>>;
  /** A change, and the field it sets with its new value. */
  readonly change: (n: number) => Record<string, unknown>;
  readonly field: string;
}

const get = async (path: string) => (await call(app, 'GET', path, { as: admin })).json;

const kinds: readonly Kind[] = [
  {
    what: 'departments',
    make: (n) => call(app, 'POST', '/api/departments', { as: admin, body: { name: `Rev ${n}` } }),
    read: (id) => get(`/api/departments/${id}`),
    change: (n) => ({ name: `Renamed ${n}` }),
    field: 'name',
  },
  {
    what: 'users',
    make: (n) =>
      call(app, 'POST', '/api/users', {
        as: admin,
        body: { username: `rev.user.${n}`, password: 'correct horse battery' },
      }),
    read: (id) => get(`/api/users/${id}`),
    change: (n) => ({ displayName: `Renamed ${n}` }),
    field: 'displayName',
  },
  {
    what: 'positions',
    make: (n) => call(app, 'POST', '/api/positions', { as: admin, body: { name: `Rev ${n}` } }),
    read: async (id) => {
      const list = await get('/api/positions?limit=1000');
      const found = (list.items as { id: string }[]).find((item) => item.id === id);
      assert.ok(found, `${id} is listed`);
      return found as Record<string, unknown>;
    },
    change: (n) => ({ name: `Renamed ${n}` }),
    field: 'name',
  },
];

const patch = (what: string, id: string, body: Record<string, unknown>) =>
  call(app, 'PATCH', `/api/${what}/${id}`, { as: admin, body });

for (const kind of kinds) {
  describe(`PATCH /api/${kind.what}/{id} with the revision read`, () => {
    it('shows _rev when created, read and listed', async () => {
      const made = await kind.make(1);
      assert.equal(made.status, 201, JSON.stringify(made.json));
      assert.match(String(made.json._rev), /^1-/);
      const read = await kind.read(String(made.json.id));
      assert.equal(read._rev, made.json._rev);
    });

    it('refuses a change without _rev (400 naming /_rev), writing nothing', async () => {
      const made = await kind.make(2);
      const id = String(made.json.id);
      const answer = await patch(kind.what, id, kind.change(2));
      assert.equal(answer.status, 400, JSON.stringify(answer.json));
      assert.equal(answer.json.error?.field, '/_rev');
      const read = await kind.read(id);
      assert.equal(read._rev, made.json._rev);
      assert.equal(read[kind.field], made.json[kind.field]);
    });

    it('refuses a stale _rev (409 conflict naming /_rev, in both languages), writing nothing', async () => {
      const made = await kind.make(3);
      const id = String(made.json.id);
      const first = await patch(kind.what, id, { _rev: made.json._rev, ...kind.change(3) });
      assert.equal(first.status, 200, JSON.stringify(first.json));
      const stale = await patch(kind.what, id, { _rev: made.json._rev, ...kind.change(30) });
      assert.equal(stale.status, 409, JSON.stringify(stale.json));
      assert.equal(stale.json.error?.code, 'conflict');
      assert.equal(stale.json.error?.field, '/_rev');
      assert.match(String(stale.json.error?.message), new RegExp(id));
      const zh = await call(app, 'PATCH', `/api/${kind.what}/${id}`, {
        as: admin,
        body: { _rev: made.json._rev, ...kind.change(31) },
        headers: { 'accept-language': 'zh-CN' },
      });
      assert.equal(zh.status, 409);
      assert.match(String(zh.json.error?.message), /已被他人修改/);
      const read = await kind.read(id);
      assert.equal(read._rev, first.json._rev, 'nothing was written');
      assert.equal(read[kind.field], first.json[kind.field]);
    });

    it('applies a change from the current _rev (200 with a new _rev)', async () => {
      const made = await kind.make(4);
      const id = String(made.json.id);
      const answer = await patch(kind.what, id, { _rev: made.json._rev, ...kind.change(4) });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      assert.equal(answer.json[kind.field], kind.change(4)[kind.field]);
      assert.match(String(answer.json._rev), /^2-/);
      assert.notEqual(answer.json._rev, made.json._rev);
      const read = await kind.read(id);
      assert.equal(read._rev, answer.json._rev);
      assert.equal(read[kind.field], kind.change(4)[kind.field]);
    });

    it('applies exactly one of 5 concurrent changes from the same _rev; the others get 409', async () => {
      const made = await kind.make(5);
      const id = String(made.json.id);
      const answers = await Promise.all(
        [50, 51, 52, 53, 54].map((n) =>
          patch(kind.what, id, { _rev: made.json._rev, ...kind.change(n) }),
        ),
      );
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409, 409, 409, 409]);
      const winner = answers.find((answer) => answer.status === 200)!;
      const read = await kind.read(id);
      assert.equal(read[kind.field], winner.json[kind.field]);
      assert.equal(read._rev, winner.json._rev);
    });
  });
}

describe('a stale _rev with other changes in the same request', () => {
  it('leaves a department’s code unclaimed and a user’s username free', async () => {
    const made = await call(app, 'POST', '/api/departments', {
      as: admin,
      body: { name: 'Coded', code: 'OLD' },
    });
    const id = String(made.json.id);
    await patch('departments', id, { _rev: made.json._rev, name: 'Coded 2' });
    const stale = await patch('departments', id, { _rev: made.json._rev, code: 'NEW' });
    assert.equal(stale.status, 409);
    const other = await call(app, 'POST', '/api/departments', {
      as: admin,
      body: { name: 'Takes NEW', code: 'NEW' },
    });
    assert.equal(other.status, 201, 'the code was released');

    const user = await makeUser(server, admin, { username: 'keeps.name' });
    const read = await get(`/api/users/${user.id}`);
    await patch('users', user.id, { _rev: read._rev, displayName: 'Keeps' });
    const renamed = await patch('users', user.id, { _rev: read._rev, username: 'wanted.name' });
    assert.equal(renamed.status, 409);
    await makeUser(server, admin, { username: 'wanted.name' });
  });
});
