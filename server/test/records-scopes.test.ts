import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, makeUser, type Session, signIn } from './accounts-helpers.ts';
import {
  contract,
  createRecord,
  makeDepartment,
  makePerson,
  RECORDS,
  startRecordsWorld,
} from './records-helpers.ts';

const world = await startRecordsWorld();
const { server, admin } = world;
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));

const ROLES = '/api/apps/contracts/roles';
const PASSWORD = 'correct horse battery';

const department = (name: string) => makeDepartment(world, name);
const person = (username: string, departmentId: string) =>
  makePerson(world, username, departmentId);

const ids = async (as: Session): Promise<string[]> => {
  const answer = await call(app, 'GET', `${RECORDS}?limit=100`, { as });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return (answer.json.items as { id: string }[]).map((item) => item.id).sort();
};

describe('row scopes of app roles', () => {
  let east: string;
  let alice: Session; // east, legal: own
  let bob: Session; // west, legal: own
  let carol: Session; // east, director: department
  let dave: Session; // west, auditor: all
  const made: Record<string, string> = {};

  before(async () => {
    east = await department('East');
    const west = await department('West');
    alice = await person('alice', east);
    bob = await person('bob', west);
    carol = await person('carol', east);
    dave = await person('dave', west);
    const saved = await call(app, 'PUT', ROLES, {
      as: admin,
      body: {
        roles: {
          legal: { users: [alice.user.id, bob.user.id] },
          director: { users: [carol.user.id] },
          auditor: { departments: [west] },
        },
        rows: { contract: { legal: 'own', director: 'department', auditor: 'all' } },
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    for (const [name, as] of Object.entries({ alice, bob, carol, dave })) {
      made[name] = (await createRecord(world, as, contract(`by ${name}`))).id;
    }
  });

  it('lists exactly the records of each scope: own, department, all', async () => {
    assert.deepEqual(await ids(alice), [made.alice]);
    assert.deepEqual(await ids(carol), [made.alice, made.carol].sort());
    // bob is in West like dave, and West holds auditor: all
    assert.deepEqual(await ids(dave), Object.values(made).sort());
    assert.deepEqual(await ids(bob), Object.values(made).sort());
    assert.deepEqual(await ids(admin), Object.values(made).sort());
  });

  it('answers 404 for a single record outside the scope, for reads, changes and history', async () => {
    const theirs = await call(app, 'GET', `${RECORDS}/${made.dave}`, { as: carol });
    assert.equal(theirs.status, 404);
    const mine = await call(app, 'GET', `${RECORDS}/${made.alice}`, { as: carol });
    assert.equal(mine.status, 200);
    const rev = String(mine.json._rev);
    const patch = await call(app, 'PATCH', `${RECORDS}/${made.alice}`, {
      as: alice,
      body: { _rev: rev, values: { title: 'mine' } },
    });
    assert.equal(patch.status, 200);
    const foreign = await call(app, 'PATCH', `${RECORDS}/${made.carol}`, {
      as: alice,
      body: { _rev: rev, values: { title: 'theirs' } },
    });
    assert.equal(foreign.status, 404);
    const removal = await call(app, 'DELETE', `${RECORDS}/${made.carol}?rev=${rev}`, { as: alice });
    assert.equal(removal.status, 404);
    const history = await call(app, 'GET', `/api/records/${made.carol}/audit`, { as: alice });
    assert.equal(history.status, 404);
    const own = await call(app, 'GET', `/api/records/${made.alice}/audit`, { as: alice });
    assert.deepEqual(
      (own.json.items as { action: string }[]).map((one) => one.action),
      ['record.update', 'record.create'],
    );
    const wrongTable = await call(
      app,
      'GET',
      `/api/apps/contracts/tables/other/records/${made.alice}`,
      { as: admin },
    );
    assert.equal(wrongTable.status, 404);
  });

  it('gives the widest scope of the roles held, and only by the revision read', async () => {
    const current = await call(app, 'GET', ROLES, { as: admin });
    assert.equal(current.status, 200);
    const body = {
      _rev: current.json._rev,
      roles: {
        ...(current.json.roles as Record<string, unknown>),
        director: { users: [carol.user.id, alice.user.id] },
      },
      rows: current.json.rows,
    };
    const saved = await call(app, 'PUT', ROLES, { as: admin, body });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    assert.deepEqual(await ids(alice), [made.alice, made.carol].sort());
    const stale = await call(app, 'PUT', ROLES, { as: admin, body });
    assert.equal(stale.status, 409);
    const blind = await call(app, 'PUT', ROLES, { as: admin, body: { ...body, _rev: undefined } });
    assert.equal(blind.status, 409);
  });

  it('checks role and table ids against the app, and lets only admins and implementers in', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ roles: { nope: {} }, rows: {} }, '/roles/nope'],
      [{ roles: {}, rows: { nope: {} } }, '/rows/nope'],
      [{ roles: {}, rows: { contract: { nope: 'all' } } }, '/rows/contract/nope'],
      [{ roles: {}, rows: { contract: { legal: 'everyone' } } }, '/rows/contract/legal'],
      [{ roles: { legal: { users: ['department:x'] } }, rows: {} }, '/roles/legal/users/0'],
    ];
    for (const [body, field] of cases) {
      const answer = await call(app, 'PUT', ROLES, { as: admin, body });
      assert.equal(answer.status, 400, JSON.stringify(answer.json));
      assert.equal(answer.json.error?.field, field);
    }
    assert.equal((await call(app, 'GET', ROLES, { as: alice })).status, 403);
    assert.equal(
      (await call(app, 'PUT', ROLES, { as: alice, body: { roles: {}, rows: {} } })).status,
      403,
    );
    await makeUser(server, admin, { username: 'impl', roles: ['implementer'] });
    const implementer = await signIn(app, 'impl', PASSWORD);
    assert.equal((await call(app, 'GET', ROLES, { as: implementer })).status, 200);
    assert.equal((await call(app, 'GET', '/api/apps/nope/roles', { as: admin })).status, 404);
  });
});
