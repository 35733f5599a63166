import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { type RunningTessera, root, startTessera } from './start-tessera.ts';

// A flow item from `npm start`, in Chromium: the admin publishes the example contract app and
// maps its roles; a salesperson starts an item in their browser, legal and the director approve
// in theirs, and each sees the item's state and their inbox from the page's own requests.

const shots = join(root, 'test-results', 'flow-item');
const PASSWORD = 'correct horse battery staple';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown> & { error?: { code: string; field?: string } };
}

/** A signed-in browser of one person: its own context, page and CSRF token. */
interface Person {
  readonly page: Page;
  readonly csrf: string;
  readonly id: string;
}

function call(
  person: { page: Page; csrf: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  return person.page.evaluate(
    async ([method, path, body, csrf]) => {
      const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrf };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    [method, path, body, person.csrf] as const,
  );
}

describe('a flow item from npm start, in the browser', () => {
  let tessera: RunningTessera;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const signIn = async (username: string, password: string): Promise<Person> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${tessera.url}/api/reference`);
    const answer = await call({ page, csrf: '' }, 'POST', '/api/auth/login', {
      username,
      password,
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const user = answer.body.user as { id: string };
    return { page, csrf: String(answer.body.csrfToken), id: user.id };
  };

  before(async () => {
    tessera = await startTessera();
    const deadline = Date.now() + 30_000;
    let printed = /^Admin login: (\S+) \/ (\S+) {2}\(shown once/m.exec(tessera.output());
    while (!printed) {
      if (Date.now() > deadline) throw new Error(`no admin login printed:\n${tessera.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      printed = /^Admin login: (\S+) \/ (\S+) {2}\(shown once/m.exec(tessera.output());
    }
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
    const admin = await signIn(printed[1]!, printed[2]!);
    const pack = JSON.parse(readFileSync(join(root, 'server/src/web/example-pack.json'), 'utf8'));
    const { tables, forms, flows, views, roles, label } = pack;
    const app = { schemaVersion: 1, id: 'contracts', label, tables, forms, flows, views, roles };
    assert.equal((await call(admin, 'POST', '/api/apps', app)).status, 201);
    assert.equal((await call(admin, 'POST', '/api/apps/contracts/publish', {})).status, 201);
    const ids: Record<string, string> = {};
    for (const [username, displayName] of [
      ['wang.fang', '王芳'],
      ['li.lei', '李雷'],
      ['zhao.min', '赵敏'],
    ]) {
      const made = await call(admin, 'POST', '/api/users', {
        username,
        displayName,
        password: PASSWORD,
        roles: ['user'],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      ids[username!] = String(made.body.id);
    }
    const mapped = await call(admin, 'PUT', '/api/apps/contracts/roles', {
      roles: {
        legal: { users: [ids['li.lei']] },
        director: { users: [ids['zhao.min'], ids['wang.fang']] },
      },
      rows: { contract: { legal: 'all', director: 'own' } },
    });
    assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await tessera?.stop();
  });

  it('is started by the drafter, approved by legal and the director, and ends approved', async () => {
    const drafter = await signIn('wang.fang', PASSWORD);
    const legal = await signIn('li.lei', PASSWORD);
    const director = await signIn('zhao.min', PASSWORD);
    const refused = await call(
      drafter,
      'POST',
      '/api/apps/contracts/flows/contract_approval/items',
      {
        values: { title: '云服务合同', owner: drafter.id },
      },
    );
    assert.deepEqual([refused.status, refused.body.error?.field], [400, '/values/amount']);
    const started = await call(
      drafter,
      'POST',
      '/api/apps/contracts/flows/contract_approval/items',
      {
        values: { title: '云服务合同', amount: '128000.00', owner: drafter.id },
      },
    );
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const id = String(started.body.id);

    const todo = await call(legal, 'GET', '/api/inbox?box=todo');
    const entry = (todo.body.items as { instance: string; task: string }[]).find(
      (one) => one.instance === id,
    );
    assert.ok(entry, 'the item is in legal’s todo');
    const approved = await call(legal, 'POST', `/api/flow-items/${id}/commands`, {
      type: 'approve',
      task: entry.task,
      opinion: '合规',
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const again = await call(legal, 'POST', `/api/flow-items/${id}/commands`, {
      type: 'approve',
      task: entry.task,
    });
    assert.deepEqual([again.status, again.body.error?.code], [409, 'task_closed']);

    const counts = await call(director, 'GET', '/api/inbox/counts');
    assert.equal(counts.body.todo, 1);
    const item = await call(director, 'GET', `/api/flow-items/${id}`);
    const mine = item.body.mine as { id: string }[];
    const done = await call(director, 'POST', `/api/flow-items/${id}/commands`, {
      type: 'approve',
      task: mine[0]!.id,
    });
    assert.equal(done.body.status, 'approved');
    const timeline = (
      done.body.timeline as { action: string; node?: string; opinion?: string }[]
    ).map((one) => `${one.action}@${one.node ?? ''}`);
    assert.ok(
      timeline.includes('approved@legal_review') && timeline.includes('ended@end'),
      timeline.join(),
    );

    // what the drafter sees of it, on the page: the item's answer shown as the reference page shows JSON
    const submitted = await call(drafter, 'GET', '/api/inbox?box=submitted');
    assert.equal((submitted.body.items as { status: string }[])[0]?.status, 'approved');
    await drafter.page.goto(`${tessera.url}/api/flow-items/${id}`);
    await drafter.page.screenshot({ path: join(shots, 'item-as-drafter.png') });
    await legal.page.goto(`${tessera.url}/api/reference`);
    const tag = legal.page.locator('.opblock-tag[data-tag="flows"]');
    await tag.scrollIntoViewIfNeeded();
    await legal.page.screenshot({ path: join(shots, 'reference-flows.png') });
  });
});
