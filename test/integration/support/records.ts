/**
 * Records of a published app against real Tessera processes: the example app from
 * `server/src/web/example-pack.json` published under a given id, and a non-admin user who holds
 * one of its app roles, so record writes go through the normal permission path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Answer, request, type Session, signIn } from './api-client.ts';
import { root } from './processes.ts';

/** The example pack's app (tables, forms, flows, views, roles) under the id `id`. */
export function exampleApp(id = 'contracts'): Record<string, unknown> {
  const pack = JSON.parse(
    readFileSync(join(root, 'server/src/web/example-pack.json'), 'utf8'),
  ) as Record<string, unknown>;
  const { tables, forms, flows, views, roles, label } = pack;
  return { schemaVersion: 1, id, label, tables, forms, flows, views, roles };
}

/** The records route of the example app's one table. */
export const recordsPath = (app: string) => `/api/apps/${app}/tables/contract/records`;

/** What a record looks like over the API. */
export interface RecordItem {
  id: string;
  _rev: string;
  app: string;
  table: string;
  appVersion: number;
  values: Record<string, unknown>;
  createdBy: string;
  updatedBy: string;
}

/** One entry of `GET /api/records/{id}/audit`. */
export interface HistoryEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  before?: { values?: Record<string, unknown> };
  after?: { values?: Record<string, unknown> };
}

function expect(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  return answer;
}

/** Creates the example app as `appId` and publishes it once (throws unless both are 201). */
export async function publishExampleApp(base: string, admin: Session, appId: string) {
  expect(
    await request(base, 'POST', '/api/apps', { session: admin, body: exampleApp(appId) }),
    201,
    `create app ${appId}`,
  );
  const published = expect(
    await request(base, 'POST', `/api/apps/${appId}/publish`, {
      session: admin,
      body: { note: 'records under test' },
    }),
    201,
    `publish ${appId}`,
  );
  return published.json.version as number;
}

/**
 * Makes a platform `user` (not an admin) named `username`, maps them to the app role `legal`
 * of `appId` with row scope `scope` on the contract table, and signs them in on `base`.
 */
export async function appRoleUser(
  base: string,
  admin: Session,
  appId: string,
  username: string,
  scope: 'own' | 'department' | 'all' = 'all',
): Promise<Session> {
  const password = 'correct horse battery staple';
  const made = expect(
    await request(base, 'POST', '/api/users', {
      session: admin,
      body: { username, password, roles: ['user'] },
    }),
    201,
    `create user ${username}`,
  );
  const userId = made.json.id as string;
  const current = expect(
    await request(base, 'GET', `/api/apps/${appId}/roles`, { session: admin }),
    200,
    `read roles of ${appId}`,
  );
  expect(
    await request(base, 'PUT', `/api/apps/${appId}/roles`, {
      session: admin,
      body: {
        ...(typeof current.json._rev === 'string' ? { _rev: current.json._rev } : {}),
        roles: { legal: { users: [userId] } },
        rows: { contract: { legal: scope } },
      },
    }),
    200,
    `map ${username} to ${appId}/legal`,
  );
  const session = await signIn(base, username, password);
  if (session.userId !== userId) throw new Error(`signed in as ${session.userId}, not ${userId}`);
  return session;
}

/** Every entry of a record's history (`GET /api/records/{id}/audit`), newest first. */
export async function recordHistory(
  base: string,
  session: Session,
  id: string,
): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = expect(
      await request(base, 'GET', `/api/records/${encodeURIComponent(id)}/audit?${query}`, {
        session,
      }),
      200,
      `history of ${id}`,
    );
    entries.push(...(page.json.items as HistoryEntry[]));
    cursor = page.json.next as string | undefined;
    if (!cursor) return entries;
  }
  throw new Error(`history of ${id} never ends`);
}

/** How many entries of each action a history holds, e.g. `{ 'record.create': 1 }`. */
export function actionCounts(entries: readonly HistoryEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.action] = (counts[entry.action] ?? 0) + 1;
  return counts;
}
