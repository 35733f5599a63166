import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { finishDepartmentMoves } from '../src/organisation/department-moves.ts';
import { call, makeUser, patchFresh, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
await makeUser(server, admin, { username: 'reader' });
const reader = await signIn(app, 'reader', 'correct horse battery');
after(() => assert.deepEqual(server.storage.warnings, []));

interface Department {
  id: string;
  name: string;
  parent?: string;
  path: string[];
  head?: string;
}

async function department(body: Record<string, unknown>): Promise<Department> {
  const answer = await call(app, 'POST', '/api/departments', { as: admin, body });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return answer.json as unknown as Department;
}

const read = async (id: string) =>
  (await call(app, 'GET', `/api/departments/${id}`, { as: reader })).json as unknown as Department;
const move = (id: string, parent: string | null) =>
  patchFresh(app, admin, `/api/departments/${id}`, { parent });

describe('the department tree', () => {
  it('keeps each department’s ancestors in path, root first', async () => {
    const hq = await department({ name: '总部', code: 'HQ' });
    const market = await department({ name: '市场部', parent: hq.id });
    const east = await department({ name: '华东区', parent: market.id });
    assert.deepEqual(hq.path, []);
    assert.deepEqual(market.path, [hq.id]);
    assert.deepEqual(east.path, [hq.id, market.id]);
    assert.equal(east.parent, market.id);
  });

  it('lists all, the roots, or one department’s children, for any signed-in user', async () => {
    const root = await department({ name: 'Tree A' });
    const b = await department({ name: 'b', parent: root.id });
    const a = await department({ name: 'a', parent: root.id });
    const children = await call(app, 'GET', `/api/departments?parent=${root.id}`, { as: reader });
    assert.deepEqual(
      (children.json.items as Department[]).map((each) => each.id),
      [a.id, b.id],
      'by name',
    );
    const roots = await call(app, 'GET', '/api/departments?roots=true', { as: reader });
    const rootNames = (roots.json.items as Department[]).map((each) => each.name);
    assert.ok(rootNames.includes('Tree A'));
    assert.ok(!rootNames.includes('a'));
    const unknown = await call(app, 'GET', '/api/departments?parent=department:nope', {
      as: reader,
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error?.field, '?parent');
  });

  it('moves a department with its whole subtree', async () => {
    const top = await department({ name: 'Move top' });
    const left = await department({ name: 'Left', parent: top.id });
    const right = await department({ name: 'Right', parent: top.id });
    const team = await department({ name: 'Team', parent: left.id });
    const squad = await department({ name: 'Squad', parent: team.id });
    const moved = await move(team.id, right.id);
    assert.equal(moved.status, 200);
    assert.deepEqual((moved.json as unknown as Department).path, [top.id, right.id]);
    assert.deepEqual((await read(squad.id)).path, [top.id, right.id, team.id]);
    const promoted = await move(team.id, null);
    assert.equal(promoted.status, 200);
    assert.equal((promoted.json as unknown as Department).parent, undefined);
    assert.deepEqual((await read(squad.id)).path, [team.id]);
    const stored = await server.storage.get<{ movedFrom?: unknown }>(team.id);
    assert.equal(stored?.movedFrom, undefined, 'the move is marked finished');
  });

  it('refuses a move under itself or one of its descendants', async () => {
    const top = await department({ name: 'Loop top' });
    const child = await department({ name: 'Loop child', parent: top.id });
    const grandchild = await department({ name: 'Loop grandchild', parent: child.id });
    const under = await move(top.id, grandchild.id);
    assert.equal(under.status, 400);
    assert.equal(under.json.error?.code, 'parent_is_descendant');
    assert.equal(under.json.error?.field, '/parent');
    const self = await move(top.id, top.id);
    assert.equal(self.json.error?.code, 'parent_is_self');
    const nowhere = await move(top.id, 'department:nope');
    assert.equal(nowhere.json.error?.code, 'unknown_department');
    assert.deepEqual((await read(top.id)).path, [], 'nothing changed');
  });

  it('takes turns on the tree: two opposite moves at once cannot make a loop', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await department({ name: `Race A ${round}` });
      const b = await department({ name: `Race B ${round}` });
      const [ab, ba] = await Promise.all([move(a.id, b.id), move(b.id, a.id)]);
      assert.deepEqual([ab.status, ba.status].sort(), [200, 400], `round ${round}`);
      const [afterA, afterB] = [await read(a.id), await read(b.id)];
      assert.ok(
        !(afterA.path.includes(b.id) && afterB.path.includes(a.id)),
        'never each under the other',
      );
    }
  });

  it('finishes a move a crash left half done', async () => {
    const from = await department({ name: 'Crash from' });
    const to = await department({ name: 'Crash to' });
    const moving = await department({ name: 'Crash moving', parent: from.id });
    const below = await department({ name: 'Crash below', parent: moving.id });
    // as if the process died right after writing the moved department
    await server.storage.mutate<{ path: string[]; parent: string; movedFrom?: string[] }>(
      moving.id,
      (doc) => ({ ...doc, parent: to.id, path: [to.id], movedFrom: doc.path }),
    );
    assert.deepEqual((await read(below.id)).path, [from.id, moving.id], 'stale before');
    assert.equal(await finishDepartmentMoves(server.context), 1);
    assert.deepEqual((await read(below.id)).path, [to.id, moving.id]);
  });

  it('refuses to delete a department with children or members, with a clear message', async () => {
    const parent = await department({ name: 'Delete parent' });
    const child = await department({ name: 'Delete child', parent: parent.id });
    const refused = await call(app, 'DELETE', `/api/departments/${parent.id}`, { as: admin });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error?.code, 'department_has_children');
    assert.match(String(refused.json.error?.message), /Delete child/);

    await makeUser(server, admin, { username: 'member.one', department: child.id });
    const withMember = await call(app, 'DELETE', `/api/departments/${child.id}`, { as: admin });
    assert.equal(withMember.status, 409);
    assert.equal(withMember.json.error?.code, 'department_has_members');
    assert.match(String(withMember.json.error?.message), /member\.one/);

    const members = await call(app, 'GET', `/api/departments/${child.id}/members`, { as: reader });
    assert.deepEqual(
      (members.json.items as { username: string }[]).map((user) => user.username),
      ['member.one'],
    );
    const empty = await department({ name: 'Delete me' });
    const deleted = await call(app, 'DELETE', `/api/departments/${empty.id}`, { as: admin });
    assert.equal(deleted.status, 200);
    assert.equal(
      (await call(app, 'GET', `/api/departments/${empty.id}`, { as: reader })).status,
      404,
    );
  });

  it('checks head, code and sibling names', async () => {
    const head = await call(app, 'POST', '/api/departments', {
      as: admin,
      body: { name: 'Headless', head: 'user:nope' },
    });
    assert.equal(head.status, 400);
    assert.equal(head.json.error?.field, '/head');
    const withHead = await department({ name: 'Headed', head: admin.user.id });
    assert.equal(withHead.head, admin.user.id);

    await department({ name: 'Coded', code: 'OPS' });
    const sameCode = await call(app, 'POST', '/api/departments', {
      as: admin,
      body: { name: 'Other', code: 'ops' },
    });
    assert.equal(sameCode.status, 409);
    assert.equal(sameCode.json.error?.code, 'code_taken');
    assert.equal(sameCode.json.error?.field, '/code');

    const twin = await call(app, 'POST', '/api/departments', {
      as: admin,
      body: { name: 'Headed' },
    });
    assert.equal(twin.status, 409);
    assert.equal(twin.json.error?.code, 'name_taken');
    const slash = await call(app, 'POST', '/api/departments', { as: admin, body: { name: 'a/b' } });
    assert.equal(slash.status, 400);
    assert.equal(slash.json.error?.field, '/name');
  });
});

describe('positions', () => {
  it('are created, listed, renamed, and deleted only when nobody holds them', async () => {
    const made = await call(app, 'POST', '/api/positions', {
      as: admin,
      body: { name: '出纳', code: 'CASH' },
    });
    assert.equal(made.status, 201);
    const id = String(made.json.id);
    const list = await call(app, 'GET', '/api/positions', { as: reader });
    assert.ok((list.json.items as { id: string }[]).some((item) => item.id === id));
    const renamed = await call(app, 'PATCH', `/api/positions/${id}`, {
      as: admin,
      body: { _rev: made.json._rev, name: '出纳员' },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.json.name, '出纳员');
    const holder = await makeUser(server, admin, { username: 'cashier', position: id });
    const refused = await call(app, 'DELETE', `/api/positions/${id}`, { as: admin });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error?.code, 'position_in_use');
    await patchFresh(app, admin, `/api/users/${holder.id}`, { position: null });
    assert.equal((await call(app, 'DELETE', `/api/positions/${id}`, { as: admin })).status, 200);
  });
});
