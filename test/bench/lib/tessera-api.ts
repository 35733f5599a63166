/** Talking to a started Tessera server over HTTP, for the HTTP benchmarks (B1, B2). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Started } from './processes.ts';

const PASSWORD = 'bench-Password-2026';

export async function http(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

export function expect(
  answer: { status: number; json: unknown },
  status: number,
  what: string,
): void {
  if (answer.status !== status) {
    throw new Error(`bench: ${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  }
}

/** Signs in with a password and makes an API token; returns the bearer header. */
export async function tokenFor(base: string, username: string, password: string): Promise<string> {
  const login = await http(
    base,
    'POST',
    '/api/auth/login',
    { username, password },
    { origin: base },
  );
  expect(login, 200, `login ${username}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = await http(
    base,
    'POST',
    '/api/auth/tokens',
    { name: 'bench' },
    { cookie, 'x-csrf-token': String(login.json.csrfToken), origin: base },
  );
  expect(token, 201, `token for ${username}`);
  return `Bearer ${String(token.json.token)}`;
}

/** Publishes the example app and returns the bearer header of a non-admin user with scope all. */
export async function setUpTessera(server: Started): Promise<{ bearer: string; userId: string }> {
  const base = server.url;
  const password = /Admin login: admin \/ (\S+)/.exec(server.lines.join('\n'))?.[1];
  if (!password) throw new Error(`bench: no admin password in ${server.lines.join(' | ')}`);
  const admin = { authorization: await tokenFor(base, 'admin', password) };
  const pack = JSON.parse(
    readFileSync(join(ROOT, 'server', 'src', 'web', 'example-pack.json'), 'utf8'),
  ) as Record<string, unknown>;
  const { tables, forms, flows, views, roles, label } = pack;
  const app = { schemaVersion: 1, id: 'contracts', label, tables, forms, flows, views, roles };
  expect(await http(base, 'POST', '/api/apps', app, admin), 201, 'create app');
  expect(await http(base, 'POST', '/api/apps/contracts/publish', {}, admin), 201, 'publish');
  const user = await http(
    base,
    'POST',
    '/api/users',
    { username: 'bench.user', password: PASSWORD, roles: ['user'] },
    admin,
  );
  expect(user, 201, 'create user');
  const userId = String((user.json.user as { id?: string } | undefined)?.id ?? user.json.id);
  const mapped = await http(
    base,
    'PUT',
    '/api/apps/contracts/roles',
    { roles: { legal: { users: [userId] } }, rows: { contract: { legal: 'all' } } },
    admin,
  );
  expect(mapped, 200, 'map app role');
  return { bearer: await tokenFor(base, 'bench.user', PASSWORD), userId };
}
