import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningTessera, root } from './start-tessera.ts';

export const PASSWORD = 'correct horse battery staple';

/** The people of the purchase fixture app and their app roles. */
export const PEOPLE = [
  ['wang.fang', '王芳', 'buyer'],
  ['li.lei', '李雷', 'manager'],
  ['zhao.min', '赵敏', 'finance'],
] as const;

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A request from inside a page (its cookie, its origin), with the CSRF token of its session. */
export function call(
  page: Page,
  csrf: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  return page.evaluate(
    async ([method, path, body, csrf]) => {
      const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrf };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {} };
    },
    [method, path, body, csrf] as const,
  );
}

/** The admin login `npm start` printed at the first start. */
export async function printedAdmin(tessera: RunningTessera): Promise<[string, string]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const printed = /^Admin login: (\S+) \/ (\S+) {2}\(shown once/m.exec(tessera.output());
    if (printed) return [printed[1]!, printed[2]!];
    if (Date.now() > deadline) throw new Error(`no admin login printed:\n${tessera.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * As the admin, through the API: publishes the purchase fixture app, adds its three people and
 * maps their roles. Returns the people's user ids by username.
 */
export async function setUpPurchaseApp(browser: Browser, url: string, admin: [string, string]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/api/reference`);
  const login = await call(page, '', 'POST', '/api/auth/login', {
    username: admin[0],
    password: admin[1],
  });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const csrf = String(login.body.csrfToken);
  const app = JSON.parse(readFileSync(join(root, 'test/fixtures/apps/purchase.json'), 'utf8'));
  assert.equal((await call(page, csrf, 'POST', '/api/apps', app)).status, 201);
  assert.equal((await call(page, csrf, 'POST', '/api/apps/purchase/publish', {})).status, 201);
  const ids: Record<string, string> = {};
  for (const [username, displayName] of PEOPLE) {
    const made = await call(page, csrf, 'POST', '/api/users', {
      username,
      displayName,
      password: PASSWORD,
      roles: ['user'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    ids[username] = String(made.body.id);
  }
  const roles = Object.fromEntries(
    PEOPLE.map(([username, , role]) => [role, { users: [ids[username]] }]),
  );
  // two people can take finance's step, which is in 选人 mode: the manager picks one
  roles.finance = { users: [ids['zhao.min'], ids['li.lei']] };
  const mapped = await call(page, csrf, 'PUT', '/api/apps/purchase/roles', {
    roles,
    rows: {
      request: { manager: 'all', finance: 'all', buyer: 'own' },
      supplier: { buyer: 'all', manager: 'all', finance: 'all' },
    },
  });
  assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
  await context.close();
  return ids;
}

/** A person signed in through the app's own sign-in page, in their own browser context. */
export interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
}

export async function signInAs(
  browser: Browser,
  url: string,
  username: string,
  viewport = { width: 1280, height: 900 },
): Promise<Person> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的事项' }).waitFor();
  return { context, page };
}

/** The CSRF token of the page's session, for API checks made from inside it. */
export async function csrfOf(page: Page): Promise<string> {
  const me = await call(page, '', 'GET', '/api/auth/me');
  return String(me.body.csrfToken);
}
