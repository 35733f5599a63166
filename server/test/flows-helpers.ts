import type { AppOptions } from '../src/create-app.ts';
import type { FlowService } from '../src/flows/flow-service.ts';
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
import { spendApp } from './spend-app.ts';

export { spendApp };

export interface FlowWorld {
  readonly server: TestServer;
  readonly admin: Session;
  readonly flows: FlowService;
  readonly alice: Session;
  readonly boss: Session;
  readonly fin1: Session;
  readonly fin2: Session;
  readonly dir: Session;
}

const ok = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
};

/** A server with the spending app published, its roles mapped and five people in two departments. */
export async function startFlowWorld(webhooks?: AppOptions['webhooks']): Promise<FlowWorld> {
  let flows: FlowService | undefined;
  const server = await startTestServer({
    onServices: (services) => {
      flows = services.flows;
    },
    ...(webhooks ? { webhooks } : {}),
  });
  const { app } = server;
  const admin = await signIn(app, 'admin', server.admin.password);
  const department = async (name: string) =>
    String(
      ok(await call(app, 'POST', '/api/departments', { as: admin, body: { name } }), 201, name).id,
    );
  const sales = await department('华东销售部');
  const finance = await department('Finance');
  const person = async (username: string, dept: string) => {
    await makeUser(server, admin, { username, roles: ['user'], department: dept });
    return signIn(app, username, 'correct horse battery');
  };
  const alice = await person('alice', sales);
  const boss = await person('boss', sales);
  const fin1 = await person('fin1', finance);
  const fin2 = await person('fin2', finance);
  const dir = await person('dir', finance);
  ok(
    await patchFresh(app, admin, `/api/departments/${sales}`, { head: boss.user.id }),
    200,
    'head',
  );
  ok(await call(app, 'POST', '/api/apps', { as: admin, body: spendApp() }), 201, 'app');
  ok(await call(app, 'POST', '/api/apps/spend/publish', { as: admin, body: {} }), 201, 'publish');
  ok(
    await call(app, 'PUT', '/api/apps/spend/roles', {
      as: admin,
      body: {
        roles: {
          staff: { departments: [sales] },
          finance: { users: [fin1.user.id, fin2.user.id] },
          director: { users: [dir.user.id] },
        },
        rows: {
          expense: { staff: 'own', finance: 'all', director: 'all' },
          budget: { finance: 'all', staff: 'all' },
        },
      },
    }),
    200,
    'roles',
  );
  return { server, admin, flows: flows!, alice, boss, fin1, fin2, dir };
}

/** A budget line made by finance; returns its record id. */
export async function budgetLine(world: FlowWorld, remaining: string): Promise<string> {
  const created = await call(world.server.app, 'POST', '/api/apps/spend/tables/budget/records', {
    as: world.fin1,
    body: { values: { name: 'Q4 travel', total: '1000.00', used: '0.00', remaining } },
  });
  return String(ok(created, 201, 'budget').id);
}

export async function startExpense(
  world: FlowWorld,
  values: Record<string, unknown>,
  key?: string,
) {
  return call(world.server.app, 'POST', '/api/apps/spend/flows/expense/items', {
    as: world.alice,
    body: { values: { title: '出差', amount: '100.00', secret: 'hush', ...values } },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

type Item = {
  id: string;
  status: string;
  mine: { id: string; node: string; kind: string }[];
} & Record<string, unknown>;

export const itemOf = (answer: Answer) => answer.json as unknown as Item;

/** The caller's open task on the item (throws unless exactly one). */
export async function myTask(world: FlowWorld, as: Session, id: string): Promise<string> {
  const item = itemOf(await call(world.server.app, 'GET', `/api/flow-items/${id}`, { as }));
  const open = item.mine.filter((task) => task.kind !== 'cc');
  if (open.length !== 1) throw new Error(`${as.user.username} holds ${open.length} tasks on ${id}`);
  return open[0]!.id;
}

export function act(
  world: FlowWorld,
  as: Session,
  id: string,
  body: Record<string, unknown>,
  key?: string,
) {
  return call(world.server.app, 'POST', `/api/flow-items/${id}/commands`, {
    as,
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}
