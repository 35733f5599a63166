import type { AppOptions } from '../src/create-app.ts';
import {
  type Answer,
  call,
  makeUser,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';

/** An after-sales app: service requests customers file at a public URL, handled by `service`. */
export function afterSalesApp(): Record<string, unknown> {
  const startTriage = (id: string, assignees: unknown[]) => ({
    id,
    label: { en: `Service ${id}`, 'zh-CN': `服务${id}` },
    table: 'request',
    form: 'requestForm',
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'triage',
        type: 'approval',
        label: { en: 'Triage', 'zh-CN': '受理' },
        config: { assignees },
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'triage' },
      { id: 'e2', from: 'triage', to: 'end' },
    ],
  });
  return {
    schemaVersion: 1,
    id: 'aftersales',
    label: { en: 'After-sales', 'zh-CN': '售后' },
    roles: [{ id: 'service', label: { en: 'Service desk', 'zh-CN': '客服' } }],
    tables: [
      {
        id: 'request',
        kind: 'flow',
        label: { en: 'Service request', 'zh-CN': '服务请求' },
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: { en: 'Problem', 'zh-CN': '问题' }, required: true },
          { id: 'customer', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, required: true },
          { id: 'phone', type: 'text', label: { en: 'Phone', 'zh-CN': '电话' } },
          {
            id: 'priority',
            type: 'select',
            label: { en: 'Priority', 'zh-CN': '优先级' },
            config: {
              options: [
                { value: 'low', label: { en: 'Low', 'zh-CN': '低' } },
                { value: 'high', label: { en: 'High', 'zh-CN': '高' } },
              ],
            },
          },
          { id: 'photo', type: 'attachment', label: 'Photo', config: { maxFiles: 1 } },
          { id: 'internal', type: 'text', label: { en: 'Internal note', 'zh-CN': '内部备注' } },
        ],
      },
      {
        id: 'note',
        kind: 'master',
        label: 'Feedback',
        titleField: 'text',
        fields: [{ id: 'text', type: 'text', label: 'Feedback', required: true }],
      },
    ],
    forms: [
      {
        id: 'requestForm',
        label: { en: 'Service request', 'zh-CN': '服务请求' },
        table: 'request',
        sections: [
          {
            id: 'main',
            items: ['title', 'customer', 'phone', 'priority', 'photo'].map((field) => ({ field })),
          },
        ],
      },
      {
        id: 'noteForm',
        label: 'Feedback',
        table: 'note',
        sections: [{ id: 'main', items: [{ field: 'text' }] }],
      },
    ],
    flows: [
      startTriage('handle', [{ kind: 'role', role: 'service' }]),
      startTriage('byHead', [{ kind: 'departmentHead' }]),
    ],
    publicForms: [
      {
        id: 'intake',
        label: { en: 'Report a problem', 'zh-CN': '报修' },
        table: 'request',
        form: 'requestForm',
        flow: 'handle',
        receiptPrefix: 'SR',
      },
      { id: 'headIntake', label: 'By head', table: 'request', form: 'requestForm', flow: 'byHead' },
      { id: 'feedback', label: 'Feedback', table: 'note', form: 'noteForm', receiptPrefix: 'FB' },
      { id: 'closed', label: 'Closed', table: 'note', form: 'noteForm', enabled: false },
    ],
  };
}

export interface PublicWorld {
  readonly server: TestServer;
  readonly admin: Session;
  readonly agent: Session;
}

const ok = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
};

/**
 * A server with the after-sales app published and `agent` holding the service role; `webhooks`:
 * the app's webhook options (a test owing events to `*.example` destinations).
 */
export async function startPublicWorld(webhooks?: AppOptions['webhooks']): Promise<PublicWorld> {
  const server = await startTestServer(webhooks ? { webhooks } : {});
  const { app } = server;
  const admin = await signIn(app, 'admin', server.admin.password);
  await makeUser(server, admin, { username: 'agent', roles: ['user'] });
  const agent = await signIn(app, 'agent', 'correct horse battery');
  ok(await call(app, 'POST', '/api/apps', { as: admin, body: afterSalesApp() }), 201, 'app');
  ok(
    await call(app, 'POST', '/api/apps/aftersales/publish', { as: admin, body: {} }),
    201,
    'publish',
  );
  ok(
    await call(app, 'PUT', '/api/apps/aftersales/roles', {
      as: admin,
      body: {
        roles: { service: { users: [agent.user.id] } },
        rows: { request: { service: 'all' }, note: { service: 'all' } },
      },
    }),
    200,
    'roles',
  );
  return { server, admin, agent };
}

export const INTAKE = '/api/public/forms/aftersales/intake';

/** Submits a public form anonymously (no cookie, no CSRF token). */
export function submit(
  world: PublicWorld,
  values: Record<string, unknown>,
  form = INTAKE,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return call(world.server.app, 'POST', `${form}/submissions`, { body: { values }, headers });
}

export const problem = (extra: Record<string, unknown> = {}) => ({
  title: 'The printer jams',
  customer: '王芳',
  phone: '13800000000',
  priority: 'high',
  ...extra,
});
