import assert from 'node:assert/strict';
import { spendApp } from '../../../server/test/spend-app.ts';
import { type Answer, request, type Session, signIn } from './api-client.ts';

export const SPEND_PASSWORD = 'correct horse battery staple';
export const SPEND_PEOPLE = ['alice', 'boss', 'fin'] as const;
export type SpendPerson = (typeof SPEND_PEOPLE)[number];

export const ok = (answer: Answer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
  return answer.json;
};

/**
 * The spending app on a fresh Tessera, as its admin sets it up: 华东销售部 with alice and her
 * head boss, 财务部 with the clerk fin; the app published, staff mapped to sales (own rows),
 * finance to fin. Resolves to each person's user id.
 */
export async function setUpSpend(
  base: string,
  adminPassword: string,
): Promise<Record<SpendPerson, string>> {
  const admin = await signIn(base, 'admin', adminPassword);
  const post = async (path: string, body: unknown, what: string) =>
    ok(await request(base, 'POST', path, { session: admin, body }), 201, what);
  const sales = String((await post('/api/departments', { name: '华东销售部' }, 'dept')).id);
  const finance = String((await post('/api/departments', { name: '财务部' }, 'dept')).id);
  const ids = {} as Record<SpendPerson, string>;
  for (const [username, department] of [
    ['alice', sales],
    ['boss', sales],
    ['fin', finance],
  ] as const) {
    const body = { username, password: SPEND_PASSWORD, roles: ['user'], department };
    ids[username] = String((await post('/api/users', body, username)).id);
  }
  const dept = ok(
    await request(base, 'GET', `/api/departments/${sales}`, { session: admin }),
    200,
    'dept',
  );
  ok(
    await request(base, 'PATCH', `/api/departments/${sales}`, {
      session: admin,
      body: { _rev: dept._rev, head: ids.boss },
    }),
    200,
    'head',
  );
  await post('/api/apps', spendApp(), 'app');
  await post('/api/apps/spend/publish', {}, 'publish');
  ok(
    await request(base, 'PUT', '/api/apps/spend/roles', {
      session: admin,
      body: {
        roles: { staff: { departments: [sales] }, finance: { users: [ids.fin] } },
        rows: {
          expense: { staff: 'own', finance: 'all' },
          budget: { finance: 'all', staff: 'all' },
        },
      },
    }),
    200,
    'roles',
  );
  return ids;
}

/** Everybody of the spending app signed in on `base`. */
export async function signInSpend(base: string): Promise<Record<SpendPerson, Session>> {
  const people = {} as Record<SpendPerson, Session>;
  for (const who of SPEND_PEOPLE) people[who] = await signIn(base, who, SPEND_PASSWORD);
  return people;
}
