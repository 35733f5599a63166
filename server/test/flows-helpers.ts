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

/** An expense flow: the drafter's department head, then finance, then a guarded budget write-back. */
export function spendApp(): Record<string, unknown> {
  const money = { currency: 'CNY', scale: 2 };
  return {
    schemaVersion: 1,
    id: 'spend',
    label: { en: 'Spending', 'zh-CN': '费用' },
    roles: ['staff', 'finance', 'director'].map((id) => ({ id, label: id })),
    tables: [
      {
        id: 'expense',
        kind: 'flow',
        label: { en: 'Expense', 'zh-CN': '费用申请' },
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: 'Title', required: true },
          { id: 'amount', type: 'money', label: 'Amount', required: true, config: money },
          { id: 'budgetLine', type: 'link', label: 'Budget line', config: { table: 'budget' } },
          { id: 'secret', type: 'text', label: 'Internal note' },
          { id: 'note', type: 'text', label: 'Finance note' },
        ],
      },
      {
        id: 'budget',
        kind: 'master',
        label: { en: 'Budget ledger', 'zh-CN': '预算台账' },
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: 'Name', required: true },
          { id: 'total', type: 'money', label: 'Total', config: money },
          { id: 'used', type: 'money', label: 'Used', config: money },
          { id: 'remaining', type: 'money', label: 'Remaining', config: money },
        ],
      },
    ],
    forms: [
      {
        id: 'expenseForm',
        label: 'Expense',
        table: 'expense',
        sections: [
          {
            id: 'main',
            items: ['title', 'amount', 'budgetLine', 'secret', 'note'].map((field) => ({ field })),
          },
        ],
        rights: { finance: { default: 'read', fields: { secret: 'hidden', note: 'edit' } } },
      },
    ],
    flows: [
      {
        id: 'expense',
        label: { en: 'Expense request', 'zh-CN': '费用申请' },
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'head', type: 'approval', config: { assignees: [{ kind: 'departmentHead' }] } },
          {
            id: 'finance',
            type: 'approval',
            config: {
              assignees: [{ kind: 'role', role: 'finance' }],
              deadline: { after: 'PT2H', supervisor: { kind: 'role', role: 'director' } },
            },
          },
          {
            id: 'deduct',
            type: 'write-back',
            config: {
              target: 'budget',
              mode: 'increment',
              recordId: 'budgetLine',
              mapping: { used: 'amount', remaining: 'decimal("0") - amount' },
              guard: {
                rule: 'target.remaining >= amount',
                message: {
                  en: 'the amount is over the remaining budget',
                  'zh-CN': '金额超出预算余额',
                },
              },
            },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'e1', from: 'start', to: 'head' },
          { id: 'e2', from: 'head', to: 'finance' },
          { id: 'e3', from: 'finance', to: 'deduct' },
          { id: 'e4', from: 'deduct', to: 'end' },
        ],
      },
      {
        id: 'purchase',
        label: { en: 'Purchase with a review', 'zh-CN': '采购（含评审子流程）' },
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'review',
            type: 'sub-flow',
            config: { flow: 'review', mapping: { title: '"评审：" + title', amount: 'amount' } },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'p1', from: 'start', to: 'review' },
          { id: 'p2', from: 'review', to: 'end' },
        ],
      },
      {
        id: 'review',
        label: { en: 'Review', 'zh-CN': '评审' },
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'check',
            type: 'approval',
            config: { assignees: [{ kind: 'role', role: 'director' }] },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'r1', from: 'start', to: 'check' },
          { id: 'r2', from: 'check', to: 'end' },
        ],
      },
    ],
  };
}

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
