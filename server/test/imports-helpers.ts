import type { AppOptions } from '../src/create-app.ts';
import {
  type Answer,
  call,
  makeUser,
  ORIGIN,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';
import { crmApp, xlsxOf } from './crm-app.ts';

export { crmApp, xlsxOf };

export interface ImportWorld {
  readonly server: TestServer;
  readonly admin: Session;
  readonly seller: Session;
  readonly outsider: Session;
}

const ok = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
};

/** `webhooks`: the app's webhook options (a test owing events to `*.example` destinations). */
export async function startImportWorld(webhooks?: AppOptions['webhooks']): Promise<ImportWorld> {
  const server = await startTestServer(webhooks ? { webhooks } : {});
  const { app } = server;
  const admin = await signIn(app, 'admin', server.admin.password);
  await makeUser(server, admin, { username: 'Zhang.Wei', roles: ['user'] });
  await makeUser(server, admin, { username: 'outsider', roles: ['user'] });
  const seller = await signIn(app, 'zhang.wei', 'correct horse battery');
  const outsider = await signIn(app, 'outsider', 'correct horse battery');
  ok(await call(app, 'POST', '/api/apps', { as: admin, body: crmApp() }), 201, 'app');
  ok(await call(app, 'POST', '/api/apps/crm/publish', { as: admin, body: {} }), 201, 'publish');
  ok(
    await call(app, 'PUT', '/api/apps/crm/roles', {
      as: admin,
      body: { roles: { sales: { users: [seller.user.id] } }, rows: { customer: { sales: 'all' } } },
    }),
    200,
    'roles',
  );
  return { server, admin, seller, outsider };
}

export const IMPORT = '/api/apps/crm/tables/customer/import';

/** Posts a file as a browser's FormData does, signed in as `as`. */
export async function upload(
  world: ImportWorld,
  as: Session,
  file: { name: string; bytes: Uint8Array | string; type?: string },
  query: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const form = new FormData();
  const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
  form.append('file', new Blob([bytes], { type: file.type ?? '' }), file.name);
  const response = await world.server.app.request(`${IMPORT}?${query}`, {
    method: 'POST',
    body: form,
    headers: {
      cookie: `tessera_session=${as.cookie}`,
      origin: ORIGIN,
      'x-csrf-token': as.csrf,
      ...headers,
    },
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {}, headers: response.headers };
}

export async function customers(world: ImportWorld) {
  const answer = await call(
    world.server.app,
    'GET',
    '/api/apps/crm/tables/customer/records?limit=1000',
    {
      as: world.admin,
    },
  );
  return answer.json.items as { id: string; createdBy: string; values: Record<string, unknown> }[];
}
