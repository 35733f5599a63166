import type { InstallPage } from '../src/pages/store/install-page.ts';
import '../src/pages/store/install-page.ts';
import type { StorePage } from '../src/pages/store/store-page.ts';
import '../src/pages/store/store-page.ts';
import type { PackListing } from '../src/pages/store/store-types.ts';
import type { UninstallDialog } from '../src/pages/store/uninstall-dialog.ts';
import '../src/pages/store/uninstall-dialog.ts';
import type { UpgradeDialog } from '../src/pages/store/upgrade-dialog.ts';
import '../src/pages/store/upgrade-dialog.ts';
import type { AppContext } from '../src/app-context/app-context.ts';
import { fakeApi } from './fake-api.ts';

// Runs in Chromium (web-test-runner, mocha globals): the store's pages against a faked API.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

function expect(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function until<T>(
  find: () => T | undefined | null | false,
  what: string | (() => string),
): Promise<T> {
  for (let tries = 0; tries < 100; tries++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${typeof what === 'string' ? what : what()}`);
}

const mounted: Element[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

const admin = { id: 'user:admin', username: 'admin', displayName: 'Admin', roles: ['admin'] };

function context(api: AppContext['api'], roles = admin.roles) {
  const flashes: string[] = [];
  const ctx: AppContext = {
    api,
    locale: 'en',
    user: { ...admin, roles },
    navigate: () => undefined,
    refreshCounts: () => undefined,
    offline: () => Promise.reject(new Error('no offline store in tests')),
    flash: (message) => flashes.push(message),
  };
  return { ctx, flashes };
}

async function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>) {
  const element = document.createElement(tag) as T & { updateComplete: Promise<boolean> };
  Object.assign(element, props);
  document.body.append(element);
  mounted.push(element);
  await element.updateComplete;
  return { element, root: element.shadowRoot! };
}

const plugin = (name: string, ok = true) => ({ name, range: '^1.0.0', installed: '1.2.0', ok });

const installed = (version: string) => ({
  app: 'contract',
  pack: 'contract',
  version,
  state: 'installed' as const,
  step: 'done' as const,
  done: 6,
  total: 6,
  startedAt: '2026-12-01T00:00:00Z',
});

const contract: PackListing = {
  name: 'contract',
  version: '1.1.0',
  app: 'contract',
  label: { 'zh-CN': '服务合同管理', en: 'Service contracts' },
  description: { 'zh-CN': '合同台账', en: 'Contracts, payments and renewals' },
  requires: { '@tessera/plugin-field-basic': '^1.0.0' },
  plugins: [plugin('@tessera/plugin-field-basic'), plugin('@tessera/plugin-flow-basic')],
  roles: [
    {
      id: 'manager',
      label: { 'zh-CN': '合同经理', en: 'Contract manager' },
      description: 'Approves',
    },
    { id: 'finance', label: { 'zh-CN': '财务', en: 'Finance' } },
  ],
  counts: { tables: 4, forms: 3, flows: 2, views: 5, demo: 12 },
  screenshot: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E",
  source: 'bundled',
  valid: true,
  issues: [],
};

const leave: PackListing = {
  ...contract,
  name: 'leave',
  version: '1.0.0',
  label: { 'zh-CN': '请假', en: 'Leave' },
  plugins: [
    plugin('@tessera/plugin-field-basic'),
    { name: '@acme/plugin-sign', range: '^2.0.0', ok: false },
  ],
  screenshot: undefined,
} as PackListing;

const text = (node: Element | null | undefined) =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the store list', () => {
  it('shows a card per pack with its screenshot, plugins, counts and state', async () => {
    const fake = fakeApi({
      'GET /packs': {
        body: { packs: [{ ...contract, installed: installed('1.0.0') }, leave] },
      },
    });
    const { root } = await mount<StorePage>('tessera-store-page', {
      ctx: context(fake.api).ctx,
      params: {},
    });
    const cards = await until(() => {
      const found = root.querySelectorAll('article.pack');
      return found.length === 2 && found;
    }, 'two cards');
    const [first, second] = [...cards];
    const image = first!.querySelector('img')!;
    expect(image.getAttribute('loading'), 'lazy', 'the screenshot loads lazily');
    expect(image.alt, 'Screenshot of Service contracts', 'alt text in the current language');
    expect(text(first!.querySelector('h2')), 'Service contracts', 'label');
    expect(text(first!.querySelector('.counts')), '4 tables · 2 flows · 5 views', 'counts');
    expect(text(first!.querySelector('.installed')), 'Installed v1.0.0', 'installed version');
    expect(first!.querySelector('a.open')?.getAttribute('href'), '/apps/contract', 'open link');
    expect(text(first!.querySelector('button.upgrade')), 'Upgrade to v1.1.0', 'upgrade offered');
    expect(first!.querySelector('a.install'), null, 'no install on an installed pack');
    expect(
      first!.querySelector('a.export-none')?.getAttribute('href'),
      '/api/packs/contract/export?data=none',
      'definitions-only export',
    );
    expect(
      first!.querySelector('a.export-all')?.getAttribute('href'),
      '/api/packs/contract/export?data=all',
      'export with data',
    );
    expect(
      [...first!.querySelectorAll('ul.plugins li')].map(
        (li) => li.querySelector('span')?.textContent,
      ),
      ['✓', '✓'],
      'plugins all there',
    );
    expect(second!.querySelector('img'), null, 'no screenshot, no image');
    expect(
      [...second!.querySelectorAll('ul.plugins li')].map(
        (li) => li.querySelector('span')?.textContent,
      ),
      ['✓', '✗'],
      'a missing plugin is marked',
    );
    const install = second!.querySelector<HTMLButtonElement>('button.install');
    expect(install?.disabled, true, 'a pack with a missing plugin cannot be installed');
    expect(second!.querySelector('a.install'), null, 'and has no link to the wizard');
  });

  it('links to the wizard for a pack that can be installed', async () => {
    const fake = fakeApi({ 'GET /packs': { body: { packs: [contract] } } });
    const { root } = await mount<StorePage>('tessera-store-page', {
      ctx: context(fake.api).ctx,
      params: {},
    });
    const link = await until(() => root.querySelector('a.install'), 'install link');
    expect(link.getAttribute('href'), '/store/contract/install', 'the wizard');
  });

  it('says an administrator is needed, and asks nothing, for anyone else', async () => {
    const fake = fakeApi({ 'GET /packs': { body: { packs: [contract] } } });
    const { root } = await mount<StorePage>('tessera-store-page', {
      ctx: context(fake.api, ['user']).ctx,
      params: {},
    });
    expect(text(root.querySelector('[role="alert"]')).includes('administrator'), true, 'message');
    expect(fake.requests.length, 0, 'no requests');
  });

  it('uploads a pack file as JSON and lists the issues of a refusal', async () => {
    const fake = fakeApi({
      'GET /packs': { body: { packs: [] } },
      'POST /packs/uploads': {
        status: 400,
        body: {
          error: {
            code: 'invalid_pack',
            message: 'the pack is not valid',
            issues: [
              { path: '/tables/0/id', code: 'schema.pattern', message: 'must be an id' },
              {
                path: '/requires',
                code: 'x',
                message: { en: 'needs a plugin', 'zh-CN': '缺插件' },
              },
            ],
          },
        },
      },
    });
    const { root } = await mount<StorePage>('tessera-store-page', {
      ctx: context(fake.api).ctx,
      params: {},
    });
    await until(() => root.querySelector('.notice'), 'empty store');
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept, '.json,application/json', 'takes JSON files');
    const files = new DataTransfer();
    files.items.add(
      new File(['{"name":"x","version":"1.0.0"}'], 'x.pack.json', { type: 'application/json' }),
    );
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    const issues = await until(() => {
      const found = root.querySelectorAll('.upload .issues li');
      return found.length === 2 && found;
    }, 'issues listed');
    expect(
      fake.sent('POST', '/packs/uploads')[0]?.body,
      { name: 'x', version: '1.0.0' },
      'the parsed file',
    );
    expect(
      [...issues].map((li) => text(li)),
      ['/tables/0/id must be an id', '/requires needs a plugin'],
      'each issue with its pointer',
    );
  });

  it('refuses a file that is not JSON without sending it', async () => {
    const fake = fakeApi({ 'GET /packs': { body: { packs: [] } } });
    const { root } = await mount<StorePage>('tessera-store-page', {
      ctx: context(fake.api).ctx,
      params: {},
    });
    await until(() => root.querySelector('.notice'), 'empty store');
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['not json'], 'bad.json'));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    const alert = await until(() => root.querySelector('.upload'), 'refusal');
    expect(text(alert).startsWith('bad.json is not valid JSON'), true, 'says why');
    expect(fake.sent('POST', '/packs/uploads').length, 0, 'nothing sent');
  });
});

function progressing(step: string, done: number) {
  return { body: { install: { ...installed('1.1.0'), state: 'installing', step, done } } };
}

async function wizard(handlers: Parameters<typeof fakeApi>[0], listing = contract) {
  const fake = fakeApi({
    'GET /packs': { body: { packs: [listing] } },
    'GET /departments': {
      body: {
        items: [
          { id: 'dept:sales', name: 'Sales' },
          { id: 'dept:law', name: 'Legal' },
        ],
      },
    },
    ...handlers,
  });
  const { element, root } = await mount<InstallPage>('tessera-install-page', {
    ctx: context(fake.api).ctx,
    params: { name: listing.name },
    pollInterval: 5,
  });
  await until(() => root.querySelector('section.card'), 'the overview');
  return { fake, element, root };
}

const click = (root: ParentNode, selector: string, label?: string) => {
  const found = [...root.querySelectorAll<HTMLElement>(selector)].find(
    (one) => label === undefined || text(one) === label,
  );
  if (!found) throw new Error(`no ${selector} ${label ?? ''}`);
  found.click();
};

describe('the install wizard', () => {
  it('maps roles to people and departments, installs, and follows the steps to the end', async () => {
    const { fake, element, root } = await wizard({
      'GET /directory/users': (request) => ({
        body: {
          items:
            request.query.q === 'li'
              ? [{ id: 'user:li', username: 'li', displayName: 'Li Lei', active: true }]
              : [],
        },
      }),
      'POST /packs/contract/install': {
        status: 202,
        body: { install: progressing('validate', 0).body.install },
      },
      'GET /packs/contract/install': [
        progressing('definitions', 2),
        progressing('demo', 3),
        { body: { install: installed('1.1.0') } },
      ],
    });
    expect(text(root.querySelector('h1')), 'Install Service contracts', 'title');
    click(root, '.actions button', 'Next');
    await element.updateComplete;
    const pickers = await until(() => {
      const found = root.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>(
        'tessera-role-picker',
      );
      return found.length === 2 && [...found];
    }, 'one row per role');
    const [manager, finance] = pickers.map((one) => one.shadowRoot!);
    expect(text(manager!.querySelector('h3')), 'Contract manager', 'role label');
    expect(text(manager!.querySelector('p.muted')), 'Approves', 'role description');
    expect(Boolean(finance!.querySelector('.warn')), true, 'an unmapped role warns');
    const search = manager!.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'li';
    search.dispatchEvent(new InputEvent('input'));
    await until(() => manager!.querySelector('.found button'), 'people found');
    expect(fake.sent('GET', '/directory/users').at(-1)?.query, { q: 'li' }, 'people search');
    click(manager!, '.found button');
    await pickers[0]!.updateComplete;
    expect(text(manager!.querySelector('.chips li')), 'Li Lei (li)×', 'a chip for the person');
    expect(manager!.querySelector('.warn'), null, 'a mapped role does not warn');
    await until(
      () => manager!.querySelectorAll('select option').length === 3,
      'departments listed',
    );
    const select = manager!.querySelector<HTMLSelectElement>('select')!;
    select.value = 'dept:sales';
    click(manager!, '.add button');
    await pickers[0]!.updateComplete;
    expect(manager!.querySelectorAll('.chips').length, 2, 'chips for people and departments');
    click(manager!, '.chips li button[aria-label="Remove Sales"]');
    await pickers[0]!.updateComplete;
    expect(manager!.querySelectorAll('.chips').length, 1, 'a chip can be removed');
    select.value = 'dept:law';
    click(manager!, '.add button');
    await element.updateComplete;
    const demo = root.querySelector<HTMLInputElement>('input[name="demo"]')!;
    expect(demo.checked, true, 'demo data on by default');
    click(root, '.actions button', 'Next');
    await element.updateComplete;
    expect(
      text(root.querySelector('.summary')).includes('Finance ⚠ nobody'),
      true,
      'summary warns',
    );
    click(root, '.actions button', 'Install');
    const progress = await until(
      () => root.querySelector('tessera-install-progress')?.shadowRoot,
      'progress',
    );
    await until(
      () => text(progress.querySelector('.notice')) === 'Installed: v1.1.0.',
      () => `installed ${JSON.stringify(fake.requests.map((r) => r.path))} ${progress.innerHTML}`,
    );
    expect(
      fake.sent('POST', '/packs/contract/install')[0]?.body,
      {
        version: '1.1.0',
        roles: { manager: { users: ['user:li'], departments: ['dept:law'] } },
        demo: true,
      },
      'the install body',
    );
    expect(fake.sent('GET', '/packs/contract/install').length, 3, 'polled until installed');
    const bar = progress.querySelector('progress')!;
    expect([bar.value, bar.max], [6, 6], 'progress bar full');
    expect(
      [...progress.querySelectorAll('li')].map((li) => li.getAttribute('data-step')),
      ['validate', 'plugins', 'definitions', 'demo', 'roles', 'publish'],
      'the step names',
    );
    const open = await until(() => root.querySelector('a.primary'), 'open link');
    expect(open.getAttribute('href'), '/apps/contract', 'open the app');
  });

  it('shows the progress bar while running, and a failure with nothing left installed', async () => {
    const { element, root } = await wizard({
      'POST /packs/contract/install': {
        status: 202,
        body: { install: progressing('validate', 0).body.install },
      },
      'GET /packs/contract/install': [
        progressing('demo', 3),
        {
          body: {
            install: {
              ...installed('1.1.0'),
              state: 'failed',
              step: 'demo',
              done: 3,
              error: {
                code: 'demo_invalid',
                message: { en: 'demo record 3 is invalid', 'zh-CN': '示例数据无效' },
              },
            },
          },
        },
      ],
    });
    element.roles = {};
    element.step = 'confirm';
    await element.updateComplete;
    click(root, '.actions button', 'Install');
    const progress = await until(
      () => root.querySelector('tessera-install-progress')?.shadowRoot,
      'progress',
    );
    await until(() => progress.querySelector('progress')?.value === 3, 'progress at 3');
    expect(progress.querySelector('progress')!.max, 6, 'of 6');
    const alert = await until(() => progress.querySelector('.error'), 'failure shown');
    expect(text(alert).includes('demo record 3 is invalid'), true, 'the error message');
    expect(text(alert).includes('Nothing was left installed'), true, 'nothing left installed');
    expect(
      progress.querySelector('li.failed')?.getAttribute('data-step'),
      'demo',
      'the failed step',
    );
    await until(
      () => [...root.querySelectorAll('button')].some((one) => text(one) === 'Try again'),
      'retry',
    );
  });

  it('cannot go on with a missing plugin, naming it and its range', async () => {
    const { root } = await wizard({}, leave);
    const alert = root.querySelector('section.card .error');
    expect(
      text(alert).includes('@acme/plugin-sign is missing (version ^2.0.0'),
      true,
      'names plugin and range',
    );
    const next = [...root.querySelectorAll<HTMLButtonElement>('.actions button')].find(
      (one) => text(one) === 'Next',
    );
    expect(next?.disabled, true, 'next is disabled');
  });
});

describe('the uninstall dialog', () => {
  const listing = { ...contract, installed: installed('1.0.0') };

  it('removing everything wants the pack name typed, then says how much was removed', async () => {
    const fake = fakeApi({ 'POST /packs/contract/uninstall': { body: { removed: 42 } } });
    const { element, root } = await mount<UninstallDialog>('tessera-uninstall-dialog', {
      api: fake.api,
      locale: 'en',
      listing,
    });
    expect(root.querySelector('dialog')?.open, true, 'a modal dialog');
    const radio = root.querySelector<HTMLInputElement>('input[value="remove"]')!;
    radio.click();
    await element.updateComplete;
    const submit = root.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.disabled, true, 'nothing typed: cannot remove');
    const confirm = root.querySelector<HTMLInputElement>('input[name="confirm"]')!;
    confirm.value = 'contrac';
    confirm.dispatchEvent(new InputEvent('input'));
    await element.updateComplete;
    expect(submit.disabled, true, 'a wrong name: cannot remove');
    root.querySelector('form')!.requestSubmit();
    await element.updateComplete;
    expect(fake.requests.length, 0, 'nothing sent for a wrong name');
    confirm.value = 'contract';
    confirm.dispatchEvent(new InputEvent('input'));
    await element.updateComplete;
    expect(submit.disabled, false, 'the right name');
    submit.click();
    const done = await until(() => root.querySelector('.notice'), 'removed');
    expect(text(done), 'Uninstalled; 42 documents were removed.', 'count shown');
    expect(fake.sent('POST', '/packs/contract/uninstall')[0]?.body, { data: 'remove' }, 'body');
  });

  it('keeps the data without asking for the name', async () => {
    const fake = fakeApi({ 'POST /packs/contract/uninstall': { body: { removed: 7 } } });
    const { root } = await mount<UninstallDialog>('tessera-uninstall-dialog', {
      api: fake.api,
      locale: 'en',
      listing,
    });
    expect(
      root.querySelector<HTMLInputElement>('input[value="keep"]')?.checked,
      true,
      'keep by default',
    );
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => root.querySelector('.notice'), 'removed');
    expect(fake.sent('POST', '/packs/contract/uninstall')[0]?.body, { data: 'keep' }, 'body');
  });

  it('exports with all data first, then removes; a failed export removes nothing', async () => {
    const saved: [unknown, string][] = [];
    const fake = fakeApi({
      'GET /packs/contract/export': [
        { status: 500, body: { error: { code: 'boom', message: 'export broke' } } },
        { body: { name: 'contract', version: '1.0.0', demo: {} } },
      ],
      'POST /packs/contract/uninstall': { body: { removed: 3 } },
    });
    const { element, root } = await mount<UninstallDialog>('tessera-uninstall-dialog', {
      api: fake.api,
      locale: 'en',
      listing,
      save: (value: unknown, name: string) => saved.push([value, name]),
    });
    root.querySelector<HTMLInputElement>('input[value="export"]')!.click();
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => root.querySelector('.error'), 'export failure');
    expect(fake.sent('POST', '/packs/contract/uninstall').length, 0, 'nothing removed');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => root.querySelector('.notice'), 'removed');
    expect(
      fake.requests.map((one) => `${one.method} ${one.path} ${JSON.stringify(one.query)}`),
      [
        'GET /packs/contract/export {"data":"all"}',
        'GET /packs/contract/export {"data":"all"}',
        'POST /packs/contract/uninstall {}',
      ],
      'export, then uninstall',
    );
    expect(saved[0]?.[1], 'contract-1.0.0.pack.json', 'the file name');
    expect(fake.sent('POST', '/packs/contract/uninstall')[0]?.body, { data: 'remove' }, 'body');
  });
});

describe('a pack that failed checking', () => {
  it('cannot be installed from its card, which says why', async () => {
    const broken = {
      ...contract,
      valid: false,
      issues: [
        {
          path: '/views/0/table',
          code: 'ref',
          message: { en: 'no such table', 'zh-CN': '无此表' },
        },
      ],
    };
    const fake = fakeApi({ 'GET /packs': { body: { packs: [broken] } } });
    const { root } = await mount<StorePage>('tessera-store-page', {
      ctx: context(fake.api).ctx,
      params: {},
    });
    const card = await until(() => root.querySelector('article.pack'), 'card');
    expect(card.querySelector<HTMLButtonElement>('button.install')?.disabled, true, 'blocked');
    expect(text(card.querySelector('.blocked')).includes('1 issues'), true, 'says how many issues');
  });
});

describe('the upgrade dialog', () => {
  it('lists the changes and migrations, then applies and follows the upgrade', async () => {
    const fake = fakeApi({
      'POST /packs/contract/upgrade/preview': {
        body: {
          from: '1.0.0',
          to: '1.1.0',
          changes: [
            {
              part: 'field',
              id: 'due',
              label: { en: 'Due date', 'zh-CN': '到期日' },
              change: 'added',
            },
            { part: 'view', id: 'old', label: 'Old list', change: 'removed' },
          ],
          migrations: [
            {
              from: '^1.0.0',
              to: '1.1.0',
              steps: [
                { op: 'renameField', table: 'contract', from: 'amt', to: 'amount', records: 12 },
              ],
            },
          ],
        },
      },
      'POST /packs/contract/upgrade': {
        status: 202,
        body: { install: { ...installed('1.0.0'), state: 'upgrading', step: 'validate', done: 0 } },
      },
      'GET /packs/contract/install': [
        {
          body: {
            install: { ...installed('1.0.0'), state: 'upgrading', step: 'migrate', done: 3 },
          },
        },
        { body: { install: installed('1.1.0') } },
      ],
    });
    const { root } = await mount<UpgradeDialog>('tessera-upgrade-dialog', {
      api: fake.api,
      locale: 'en',
      listing: { ...contract, installed: installed('1.0.0') },
      pollInterval: 5,
    });
    const items = await until(() => {
      const found = root.querySelectorAll('ul.list li');
      return found.length === 3 && found;
    }, 'changes listed');
    expect(
      [...items].map((li) => text(li)),
      [
        'Added field Due date',
        'Removed view Old list',
        'Table contract: field amt renamed to amount (12 records)',
      ],
      'changes and migrations',
    );
    expect(
      fake.sent('POST', '/packs/contract/upgrade/preview')[0]?.body,
      { version: '1.1.0' },
      'preview body',
    );
    click(root, 'button', 'Apply the upgrade');
    const progress = await until(
      () => root.querySelector('tessera-install-progress')?.shadowRoot,
      'progress',
    );
    await until(
      () => text(progress.querySelector('.notice')) === 'Upgraded: now at v1.1.0.',
      'upgraded',
    );
    expect(
      fake.sent('POST', '/packs/contract/upgrade')[0]?.body,
      { version: '1.1.0' },
      'upgrade body',
    );
    expect(
      [...progress.querySelectorAll('li')].map((li) => li.getAttribute('data-step')),
      ['validate', 'plugins', 'publish', 'migrate'],
      'the upgrade steps',
    );
  });

  it('stops following an upgrade that stopped with an error, and says to run it again', async () => {
    const stopped = {
      ...installed('1.1.0'),
      state: 'upgrading',
      step: 'migrate',
      done: 2,
      total: 9,
      error: {
        code: 'upgrade_interrupted',
        message: { en: 'upgrading to 1.1.0 stopped: disk full', 'zh-CN': '中止' },
      },
    };
    const fake = fakeApi({
      'POST /packs/contract/upgrade/preview': {
        body: { from: '1.0.0', to: '1.1.0', changes: [], migrations: [] },
      },
      'POST /packs/contract/upgrade': {
        status: 202,
        body: { install: { ...stopped, error: undefined, done: 0 } },
      },
      'GET /packs/contract/install': { body: { install: stopped } },
    });
    const { root } = await mount<UpgradeDialog>('tessera-upgrade-dialog', {
      api: fake.api,
      locale: 'en',
      listing: { ...contract, installed: installed('1.0.0') },
      pollInterval: 5,
    });
    await until(
      () => text(root.querySelector('.body')).includes('No data needs migrating'),
      'preview',
    );
    click(root, 'button', 'Apply the upgrade');
    const progress = await until(
      () => root.querySelector('tessera-install-progress')?.shadowRoot,
      'progress',
    );
    const alert = await until(() => progress.querySelector('.error'), 'stopped');
    expect(text(alert).includes('disk full'), true, 'the error');
    expect(text(alert).includes('Run it again'), true, 'run it again');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(fake.sent('GET', '/packs/contract/install').length, 1, 'no more polling');
    const close = [...root.querySelectorAll<HTMLButtonElement>('button')].find(
      (one) => text(one) === 'Close',
    );
    expect(close?.disabled, false, 'may close');
  });
});

/** Elements, in shadow roots too, that reach past the right edge of `frame`. */
function overflowing(root: ParentNode, frame: DOMRect, found: string[] = []): string[] {
  for (const element of root.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > frame.right + 0.5) {
      found.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(box.right)}`);
    }
    if (element.shadowRoot) overflowing(element.shadowRoot, frame, found);
  }
  return found;
}

describe('at phone width', () => {
  it('the list and the role step stay within 390 px', async () => {
    const frame = document.createElement('div');
    frame.style.width = '390px';
    document.body.append(frame);
    mounted.push(frame);
    const long = {
      ...leave,
      name: 'a-pack-with-a-rather-long-name-that-does-not-break',
      label: 'A pack whose label goes on and on without end',
    };
    const fake = fakeApi({
      'GET /packs': { body: { packs: [{ ...contract, installed: installed('1.0.0') }, long] } },
      'GET /departments': { body: { items: [{ id: 'dept:a', name: 'Department of long names' }] } },
    });
    const { ctx } = context(fake.api);
    const list = document.createElement('tessera-store-page') as StorePage;
    Object.assign(list, { ctx, params: {} });
    frame.append(list);
    await until(() => list.shadowRoot?.querySelectorAll('article.pack').length === 2, 'cards');
    list.shadowRoot!.querySelector('details')!.open = true;
    await list.updateComplete;
    expect(overflowing(list.shadowRoot!, frame.getBoundingClientRect()), [], 'list overflow');
    list.remove();
    const page = document.createElement('tessera-install-page') as InstallPage;
    Object.assign(page, { ctx, params: { name: 'contract' } });
    frame.append(page);
    await until(() => page.shadowRoot?.querySelector('section.card'), 'overview');
    page.step = 'roles';
    await until(
      () => page.shadowRoot?.querySelectorAll('tessera-role-picker').length === 2,
      'roles',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(overflowing(page.shadowRoot!, frame.getBoundingClientRect()), [], 'wizard overflow');
  });
});
