import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

const created = async (path: string, body: Record<string, unknown>) => {
  const answer = await call(app, 'POST', path, { as: admin, body });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return String(answer.json.id);
};
const sales = await created('/api/departments', { name: 'Sales' });
const clerk = await created('/api/positions', { name: 'Clerk' });
await makeUser(server, admin, {
  username: 'member.one',
  displayName: 'Member One',
  email: 'member.one@example.com',
  department: sales,
  position: clerk,
});
await makeUser(server, admin, { username: 'reader' });
const reader = await signIn(app, 'reader', 'correct horse battery');

const COLLEAGUE_KEYS = ['department', 'displayName', 'id', 'position', 'username'];
const keysOf = (items: unknown) => (items as Record<string, unknown>[]).map(Object.keys);

describe('what colleagues and admins see of people', () => {
  it("shows a plain user a department's members without email, roles or status", async () => {
    const members = await call(app, 'GET', `/api/departments/${sales}/members`, { as: reader });
    assert.equal(members.status, 200);
    const items = members.json.items as Record<string, unknown>[];
    assert.equal(items.length, 1);
    assert.deepEqual(
      keysOf(items).map((keys) => keys.sort()),
      [COLLEAGUE_KEYS],
    );
    assert.equal(items[0]!.displayName, 'Member One');
    assert.equal(items[0]!.position, clerk);
  });

  it('shows an admin the whole account', async () => {
    const members = await call(app, 'GET', `/api/departments/${sales}/members`, { as: admin });
    assert.equal(members.status, 200);
    const [member] = members.json.items as Record<string, unknown>[];
    assert.equal(member?.email, 'member.one@example.com');
    assert.deepEqual(member?.roles, ['user']);
    assert.equal(member?.active, true);
  });

  it('keeps the people directory to the same colleague fields, for admins too', async () => {
    for (const as of [reader, admin]) {
      const found = await call(app, 'GET', '/api/directory/users?q=member', { as });
      assert.equal(found.status, 200);
      assert.deepEqual(
        keysOf(found.json.items).map((keys) => keys.sort()),
        [COLLEAGUE_KEYS],
      );
    }
  });

  it('documents both answers of the members route', async () => {
    const document = (await (await app.request('/api/openapi.json?locale=en')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const ok = document.paths['/api/departments/{id}/members']!.get!.responses['200'] as {
      content: Record<string, { schema: { properties: { items: { items: unknown } } } }>;
    };
    const item = ok.content['application/json']!.schema.properties.items.items as {
      anyOf: { title: string; properties: Record<string, unknown> }[];
    };
    assert.deepEqual(item.anyOf.map((one) => one.title).sort(), ['Colleague', 'User']);
    const colleague = item.anyOf.find((one) => one.title === 'Colleague')!;
    assert.deepEqual(Object.keys(colleague.properties).sort(), COLLEAGUE_KEYS);
  });
});
