import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { type RunningTessera, root, startTessera } from './start-tessera.ts';

// The README's "First steps", as a new user does them: `npm start`, sign in as the printed admin
// on the API reference page, add a department and a user, see both listed and documented.

const shots = join(root, 'test-results', 'first-steps');

/** The parts of the API's answers this walkthrough reads. */
interface Item {
  readonly id: string;
  readonly username?: string;
  readonly displayName?: string;
  readonly roles?: readonly string[];
  readonly department?: string;
  readonly passwordHash?: unknown;
  readonly name?: string;
  readonly code?: string;
  readonly path?: readonly string[];
}
interface Body extends Partial<Item> {
  readonly user?: Item;
  readonly csrfToken?: string;
  readonly via?: string;
  readonly items?: readonly Item[];
  readonly error?: { readonly code: string; readonly message: string; readonly field?: string };
}
interface Answer {
  readonly status: number;
  readonly body: Body;
}
describe('first steps: npm start, sign in on /api/reference, add a department and a user', () => {
  let tessera: RunningTessera;
  let browser: Browser;
  let page: Page;
  let admin: { username: string; password: string };
  let csrfToken = '';

  /** The operation block of the reference page for one method and path, e.g. POST /api/users. */
  const operation = (method: string, path: string): Locator =>
    page
      .locator(`.opblock.opblock-${method.toLowerCase()}`)
      .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });

  /** Opens an operation, "Try it out", puts `body` in the editor, Execute; the answer shown. */
  async function tryItOut(method: string, path: string, body: unknown): Promise<Answer> {
    const block = operation(method, path);
    const summary = block.locator('.opblock-summary-control');
    if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
    const tryOut = block.getByRole('button', { name: 'Try it out' });
    if (await tryOut.isVisible()) await tryOut.click();
    await block.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
    const clear = block.getByRole('button', { name: 'Clear' });
    if (await clear.isVisible()) await clear.click();
    await block.getByRole('button', { name: 'Execute' }).click();
    const row = block.locator('.live-responses-table tbody tr.response').first();
    await row.waitFor();
    const status = Number((await row.locator('.response-col_status').textContent())?.trim());
    const text = await row.locator('.response-col_description .highlight-code code').textContent();
    return { status, body: JSON.parse(text ?? '') as Body };
  }

  /** A request from the page itself: its origin, its session cookie, and the CSRF token. */
  function call(method: string, path: string, body?: unknown, csrf = csrfToken): Promise<Answer> {
    return page.evaluate(
      async ([method, path, body, csrf]) => {
        const headers: Record<string, string> = { accept: 'application/json' };
        if (body !== undefined) headers['content-type'] = 'application/json';
        if (csrf) headers['x-csrf-token'] = csrf;
        const response = await fetch(path, {
          method,
          headers,
          credentials: 'same-origin',
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as Body };
      },
      [method, path, body, csrf] as const,
    );
  }

  before(async () => {
    tessera = await startTessera();
    // the admin line follows the URL line the helper waits for
    const deadline = Date.now() + 30_000;
    const adminLine = /^Admin login: (\S+) \/ (\S+) {2}\(shown once/m;
    let printed = adminLine.exec(tessera.output());
    while (!printed) {
      if (Date.now() > deadline) throw new Error(`no admin login printed:\n${tessera.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      printed = adminLine.exec(tessera.output());
    }
    admin = { username: printed[1]!, password: printed[2]! };
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    mkdirSync(shots, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await tessera?.stop();
  });

  it('signs in on the reference page with the printed admin (Try it out on POST /api/auth/login)', async () => {
    await page.goto(`${tessera.url}/api/reference`);
    await page.getByRole('heading', { name: /Tessera API/ }).waitFor();
    await operation('POST', '/api/auth/login').waitFor();

    const answer = await tryItOut('POST', '/api/auth/login', admin);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.user?.username, admin.username);
    assert.deepEqual(answer.body.user?.roles, ['admin']);
    assert.equal(answer.body.via, 'session');
    assert.match(answer.body.csrfToken ?? '', /^[\w-]{20,}$/);
    csrfToken = answer.body.csrfToken ?? '';

    const cookies = await page.context().cookies(tessera.url);
    const session = cookies.find((cookie) => cookie.name === 'tessera_session');
    assert.ok(session, 'the session cookie is in the browser');
    assert.equal(session.httpOnly, true);

    const me = await call('GET', '/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.user?.username, admin.username);
  });

  it('creates a department and a user in it with that session, and lists both', async () => {
    const refused = await call('POST', '/api/departments', { name: '无令牌', code: 'NO-CSRF' }, '');
    assert.equal(refused.status, 403, 'a write without the CSRF token is refused');
    assert.equal(refused.body.error?.code, 'csrf_token_missing');

    // Try it out on the page, as a new user would: the page adds the token it kept at sign-in
    const department = await tryItOut('POST', '/api/departments', {
      name: '华东销售部',
      code: 'EC-SALES',
    });
    assert.equal(department.status, 201, JSON.stringify(department.body));
    assert.match(department.body.id ?? '', /^department:/);
    assert.equal(department.body.name, '华东销售部');
    assert.deepEqual(department.body.path, []);

    const user = await call('POST', '/api/users', {
      username: 'li.lei',
      displayName: '李雷',
      password: 'correct horse battery',
      department: department.body.id,
    });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    assert.match(user.body.id ?? '', /^user:/);
    assert.equal(user.body.department, department.body.id);
    assert.equal(user.body.passwordHash, undefined, 'no hash in the answer');

    const users = await call('GET', '/api/users');
    assert.equal(users.status, 200);
    assert.deepEqual(
      users.body.items?.map((item) => item.username),
      ['admin', 'li.lei'],
    );
    const listed = users.body.items?.find((item) => item.username === 'li.lei');
    assert.ok(listed);
    assert.equal(listed.displayName, '李雷');
    assert.equal(listed.department, department.body.id);

    const departments = await call('GET', '/api/departments');
    assert.equal(departments.status, 200);
    assert.deepEqual(
      departments.body.items?.map((item) => [item.id, item.name, item.code]),
      [[department.body.id, '华东销售部', 'EC-SALES']],
    );
    const members = await call(
      'GET',
      `/api/departments/${encodeURIComponent(department.body.id ?? '')}/members`,
    );
    assert.equal(members.status, 200);
    assert.deepEqual(
      members.body.items?.map((item) => item.username),
      ['li.lei'],
    );
  });

  it('documents POST /api/users and POST /api/departments with their role(admin) guard', async () => {
    for (const path of ['/api/users', '/api/departments']) {
      const block = operation('POST', path);
      await block.scrollIntoViewIfNeeded();
      assert.ok(await block.isVisible(), `POST ${path} is on the page`);
      assert.equal((await block.locator('.opblock-summary-method').textContent())?.trim(), 'POST');
    }
    // an opened route shows its guard among its extensions (showExtensions)
    for (const path of ['/api/users', '/api/departments']) {
      const block = operation('POST', path);
      const summary = block.locator('.opblock-summary-control');
      if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
      await block.getByText('x-tessera-guard').first().waitFor();
      await block.getByText('role(admin)').first().waitFor();
    }
  });

  it('shows the JSON error naming the field of a bad request', async () => {
    // Try it out on the page: the page sends the session's CSRF token it kept from sign-in
    const onPage = await tryItOut('POST', '/api/users', { password: 'correct horse battery' });
    const shown = `${onPage.status} ${JSON.stringify(onPage.body)}`;
    assert.equal(onPage.status, 400, shown);
    assert.equal(onPage.body.error?.field, '/username', shown);

    // the same request with the session's CSRF token, from the page
    const missing = await call('POST', '/api/users', { password: 'correct horse battery' });
    assert.equal(missing.status, 400, JSON.stringify(missing.body));
    assert.equal(missing.body.error?.field, '/username');
    assert.equal(typeof missing.body.error?.message, 'string');
  });

  it('takes screenshots of the reference page after sign-in, wide and on a phone', async () => {
    const answers = {
      login: operation('POST', '/api/auth/login').locator('.live-responses-table'),
      users: operation('POST', '/api/users').locator('.live-responses-table'),
    };
    for (const [width, height] of [
      [1280, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, `reference-${width}-top.png`) });
      for (const [name, answer] of Object.entries(answers)) {
        await answer.evaluate((element) => element.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: join(shots, `reference-${width}-${name}-answer.png`) });
      }
    }
    // what sticks out of the page or of its operation block on a phone (Swagger UI's own
    // layout; reported, not asserted)
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#swagger-ui *'))
        .filter((element) => {
          const right = element.getBoundingClientRect().right;
          const block = element.parentElement?.closest('.opblock');
          const limit = block ? block.getBoundingClientRect().right : window.innerWidth;
          return element.getBoundingClientRect().width > 0 && right > limit + 1;
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
        .filter((name, index, names) => names.indexOf(name) === index)
        .slice(0, 12),
    );
    console.log(`first-steps: wider than 390px or its block: ${wide.join(', ') || 'nothing'}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
