import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  type Answer,
  call,
  makeUser,
  patchFresh,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';

const ok = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  return answer.json;
};

/** A request flow to finance, started with the given initiators on its start node. */
const requestFlow = (id: string, initiators?: unknown[]) => ({
  id,
  label: id,
  table: 'request',
  form: 'requestForm',
  nodes: [
    { id: 'start', type: 'start', ...(initiators ? { config: { initiators } } : {}) },
    { id: 'check', type: 'approval', config: { assignees: [{ kind: 'role', role: 'finance' }] } },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'check' },
    { id: 'e2', from: 'check', to: 'end' },
  ],
});

const desk = {
  schemaVersion: 1,
  id: 'desk',
  label: { en: 'Desk', 'zh-CN': '服务台' },
  roles: ['staff', 'finance'].map((id) => ({ id, label: id })),
  tables: [
    {
      id: 'request',
      kind: 'flow',
      label: 'Request',
      titleField: 'title',
      fields: [{ id: 'title', type: 'text', label: 'Title', required: true }],
    },
  ],
  forms: [
    {
      id: 'requestForm',
      label: 'Request',
      table: 'request',
      sections: [{ id: 'main', items: [{ field: 'title' }] }],
    },
  ],
  flows: [
    requestFlow('open'),
    requestFlow('financeOnly', [{ kind: 'role', role: 'finance' }]),
    requestFlow('headsOnly', [{ kind: 'departmentHead' }]),
    requestFlow('mine', [{ kind: 'initiator' }]),
  ],
};

describe('the workspace lists as startable only what the start route lets the caller start', () => {
  let server: TestServer;
  const people: Record<string, Session> = {};

  before(async () => {
    server = await startTestServer();
    const { app } = server;
    const admin = await signIn(app, 'admin', server.admin.password);
    people.admin = admin;
    const department = async (name: string) =>
      String(
        ok(await call(app, 'POST', '/api/departments', { as: admin, body: { name } }), 201, name)
          .id,
      );
    const sales = await department('Sales');
    const finance = await department('Finance');
    for (const [username, dept] of [
      ['outsider', undefined],
      ['alice', sales],
      ['boss', sales],
      ['fin1', finance],
    ] as const) {
      await makeUser(server, admin, {
        username,
        roles: ['user'],
        ...(dept ? { department: dept } : {}),
      });
      people[username] = await signIn(app, username, 'correct horse battery');
    }
    ok(
      await patchFresh(app, admin, `/api/departments/${sales}`, { head: people.boss!.user.id }),
      200,
      'head',
    );
    ok(await call(app, 'POST', '/api/apps', { as: admin, body: desk }), 201, 'app');
    ok(await call(app, 'POST', '/api/apps/desk/publish', { as: admin, body: {} }), 201, 'publish');
    ok(
      await call(app, 'PUT', '/api/apps/desk/roles', {
        as: admin,
        body: {
          roles: { staff: { departments: [sales] }, finance: { users: [people.fin1!.user.id] } },
          rows: {},
        },
      }),
      200,
      'roles',
    );
  });

  const startable = async (as: Session) => {
    const workspace = ok(await call(server.app, 'GET', '/api/workspace', { as }), 200, 'workspace');
    const app = (
      workspace.apps as { id: string; flows: { id: string; startable: boolean }[] }[]
    ).find((one) => one.id === 'desk');
    assert.ok(app, 'the published app is listed');
    return app.flows.filter((flow) => flow.startable).map((flow) => flow.id);
  };

  it('lists no flow to someone without a role in the app', async () => {
    assert.deepEqual(await startable(people.outsider!), []);
  });

  it("lists the flows each role holder's start node lets them start", async () => {
    assert.deepEqual(await startable(people.alice!), ['open', 'mine']);
    assert.deepEqual(await startable(people.boss!), ['open', 'headsOnly', 'mine']);
    assert.deepEqual(await startable(people.fin1!), ['open', 'financeOnly', 'mine']);
    assert.deepEqual(await startable(people.admin!), ['open', 'mine'], 'admins hold every role');
  });

  it('agrees with the start route for every person and flow', async () => {
    for (const [name, as] of Object.entries(people)) {
      const listed = new Set(await startable(as));
      for (const flow of desk.flows) {
        const started = await call(server.app, 'POST', `/api/apps/desk/flows/${flow.id}/items`, {
          as,
          body: { values: { title: `${name} starts ${flow.id}` } },
        });
        if (listed.has(flow.id)) {
          assert.equal(started.status, 201, `${name} ${flow.id}: ${JSON.stringify(started.json)}`);
        } else {
          // 403, or 422 when the initiators name nobody at all (the engine's refusal)
          assert.ok(
            [403, 422].includes(started.status),
            `${name} may not start ${flow.id}: ${started.status}`,
          );
        }
      }
    }
  });
});
