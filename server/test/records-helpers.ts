import {
  call,
  makeUser,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';
import { exampleApp } from './helpers.ts';

/**
 * The example app (roles legal, director) with an `auditor` role, a computed gross amount, a
 * computed field that fails on most titles, rich text, and an attachment field `scan` (4 KiB,
 * PDF or images).
 */
export function recordsApp(id = 'contracts'): Record<string, unknown> {
  const app = exampleApp() as {
    tables: { fields: Record<string, unknown>[] }[];
    roles: Record<string, unknown>[];
  };
  app.roles.push({ id: 'auditor', label: { en: 'Auditor', 'zh-CN': '审计' } });
  app.tables[0]!.fields.push(
    {
      id: 'gross',
      type: 'computed',
      label: { en: 'Amount with tax', 'zh-CN': '含税金额' },
      config: { expression: 'amount * decimal("1.13")', resultType: 'money', scale: 2 },
    },
    {
      id: 'titleTwice',
      type: 'computed',
      label: { en: 'Title as a number, twice', 'zh-CN': '标题数字的两倍' },
      config: { expression: 'int(title) * 2', resultType: 'number' },
    },
    { id: 'notes', type: 'rich-text', label: { en: 'Notes', 'zh-CN': '备注' } },
    {
      id: 'scan',
      type: 'attachment',
      label: { en: 'Signed scan', 'zh-CN': '签字扫描件' },
      config: { maxFiles: 3, maxSize: 4096, accept: ['application/pdf', '.pdf', 'image/*'] },
    },
  );
  return { ...app, id };
}

export interface RecordsWorld {
  readonly server: TestServer;
  readonly admin: Session;
}

/** A fresh server whose admin has created and published `recordsApp()`. */
export async function startRecordsWorld(): Promise<RecordsWorld> {
  const server = await startTestServer();
  const admin = await signIn(server.app, 'admin', server.admin.password);
  const created = await call(server.app, 'POST', '/api/apps', { as: admin, body: recordsApp() });
  if (created.status !== 201) throw new Error(`app: ${JSON.stringify(created.json)}`);
  const published = await call(server.app, 'POST', '/api/apps/contracts/publish', {
    as: admin,
    body: {},
  });
  if (published.status !== 201) throw new Error(`publish: ${JSON.stringify(published.json)}`);
  return { server, admin };
}

export const RECORDS = '/api/apps/contracts/tables/contract/records';

export const contract = (title: string, amount = '100.00') => ({
  values: { title, amount, owner: 'zhang.wei' },
});

/** Creates a record as `as` and returns it (throws unless 201). */
export async function createRecord(
  world: RecordsWorld,
  as: Session,
  body: { values: Record<string, unknown> },
): Promise<
  Record<string, unknown> & { id: string; _rev: string; values: Record<string, unknown> }
> {
  const answer = await call(world.server.app, 'POST', RECORDS, { as, body });
  if (answer.status !== 201) {
    throw new Error(`create: ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  return answer.json as Awaited<ReturnType<typeof createRecord>>;
}

/** Makes a department as the admin; returns its id. */
export async function makeDepartment(world: RecordsWorld, name: string): Promise<string> {
  const answer = await call(world.server.app, 'POST', '/api/departments', {
    as: world.admin,
    body: { name },
  });
  if (answer.status !== 201) throw new Error(`department: ${JSON.stringify(answer.json)}`);
  return String(answer.json.id);
}

/** Makes a plain user in a department and signs them in. */
export async function makePerson(
  world: RecordsWorld,
  username: string,
  department: string,
): Promise<Session> {
  await makeUser(world.server, world.admin, { username, roles: ['user'], department });
  return signIn(world.server.app, username, 'correct horse battery');
}
