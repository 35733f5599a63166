import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import {
  call,
  csrfOf,
  type Person,
  printedAdmin,
  setUpPurchaseApp,
  signInAs,
} from './app-setup.ts';
import { launchChromium } from './chromium.ts';
import { type RunningTessera, root, startTessera } from './start-tessera.ts';

// The end-user app from `npm start`, in Chromium, used as people use it: two people run an
// approval round trip in their own browsers; a submission made offline lands once; a view is
// exported to Excel and imported back; a stranger fills a public form. Screenshots at desktop
// and phone size go to test-results/end-user-app/ (not committed).

const shots = join(root, 'test-results', 'end-user-app');
const PHONE = { width: 390, height: 844 };

describe('the end-user app from npm start, in the browser', () => {
  let tessera: RunningTessera;
  let browser: Browser;
  const people: Person[] = [];
  const person = async (username: string, viewport?: { width: number; height: number }) => {
    const signed = await signInAs(browser, tessera.url, username, viewport);
    people.push(signed);
    return signed;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  before(async () => {
    tessera = await startTessera();
    const admin = await printedAdmin(tessera);
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
    await setUpPurchaseApp(browser, tessera.url, admin);
  });

  after(async () => {
    for (const one of people) await one.context.close();
    await browser?.close();
    await tessera?.stop();
  });

  /** Opens the inbox entry with this title from the person's home page. */
  const openEntry = async (page: Page, box: string, title: string) => {
    await page.goto(`${tessera.url}${box === 'todo' ? '/' : `/inbox/${box}`}`);
    await page
      .getByRole('link', { name: new RegExp(title) })
      .first()
      .click();
    await page.waitForURL(/\/items\//);
    await page.getByRole('heading', { name: title }).waitFor();
  };

  /** Clicks an action of the item's toolbar, writes an opinion and confirms it in its dialog. */
  const act = async (page: Page, action: string, opinion: string, choose?: string) => {
    await page.getByRole('toolbar').getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    if (choose) await dialog.getByLabel(choose).check();
    await dialog.getByLabel('意见').fill(opinion);
    await dialog.getByRole('button', { name: action, exact: true }).click();
  };

  it('runs an approval round trip: submit, return to the drafter, resubmit, approve', async () => {
    const drafter = await person('wang.fang');
    const manager = await person('li.lei');
    const { page } = drafter;
    await page.getByRole('link', { name: '新建', exact: true }).click();
    await page.getByRole('link', { name: /部门经理审批/ }).click();
    await page.getByLabel('标题').fill('交换机采购');
    await page.getByLabel('金额').fill('8600');
    await page.getByLabel('采购理由').fill('机房扩容');
    // the form checks first: an amount of 0 breaks the app's rule, named in the form
    await page.getByLabel('金额').fill('0');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('金额必须大于 0').first().waitFor();
    await page.getByLabel('金额').fill('8600');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/items\//);
    await page.getByText('经理审批').first().waitFor();
    const id = decodeURIComponent(page.url().split('/items/')[1]!);

    // the manager returns it to the drafter with an opinion
    await manager.page.goto(`${tessera.url}/`);
    await manager.page.getByRole('tab', { name: /待办/ }).getByText('1').waitFor();
    await shot(manager.page, 'home-todo-1280');
    await openEntry(manager.page, 'todo', '交换机采购');
    await shot(manager.page, 'item-manager-1280');
    await act(manager.page, '回退', '请补充供应商', '发起人');
    await manager.page.getByText('已回退。').waitFor();

    // the drafter is told (消息), finds it in 待发, adds to it and submits again
    await page.goto(`${tessera.url}/notices`);
    await page.getByRole('link', { name: /被回退.*交换机采购/ }).waitFor();
    await openEntry(page, 'draft', '交换机采购');
    await page.getByLabel('采购理由').fill('机房扩容，供应商见附件报价');
    await act(page, '提交', '已补充');
    await page.waitForURL(/\/inbox\/submitted/);

    // the manager approves; under 10,000 the flow ends there
    await openEntry(manager.page, 'todo', '交换机采购');
    await manager.page.getByText('机房扩容，供应商见附件报价').waitFor();
    await act(manager.page, '同意', '同意采购');
    await manager.page.waitForURL(`${tessera.url}/`);

    await openEntry(page, 'submitted', '交换机采购');
    await page.getByText('已通过').first().waitFor();
    for (const text of ['请补充供应商', '已补充', '同意采购'])
      await page.getByText(text).first().waitFor();
    await shot(page, 'item-approved-1280');
    const item = await call(page, await csrfOf(page), 'GET', `/api/flow-items/${id}`);
    assert.equal(item.body.status, 'approved');
    const actions = (item.body.timeline as { action: string }[]).map((entry) => entry.action);
    for (const action of ['submitted', 'returned', 'resubmitted', 'approved']) {
      assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
    }
  });

  it('asks the approver who takes the next step when it is in 选人 mode, and gives it to them', async () => {
    const drafter = await person('wang.fang');
    const started = await call(
      drafter.page,
      await csrfOf(drafter.page),
      'POST',
      '/api/apps/purchase/flows/purchase_request/items',
      {
        values: { title: '服务器集群采购', amount: '56000.00' },
      },
    );
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const manager = await person('li.lei');
    await openEntry(manager.page, 'todo', '服务器集群采购');
    await act(manager.page, '同意', '同意，请财务审核');
    const chooser = manager.page.getByRole('dialog');
    await chooser.getByRole('heading', { name: '请选择“财务审核”的处理人' }).waitFor();
    await chooser.getByLabel('赵敏').check();
    await chooser.getByRole('button', { name: '确定' }).click();
    await manager.page.waitForURL(`${tessera.url}/`);
    const finance = await person('zhao.min');
    await openEntry(finance.page, 'todo', '服务器集群采购');
    await act(finance.page, '同意', '预算内');
    await finance.page.waitForURL(`${tessera.url}/`);
    const item = await call(
      finance.page,
      await csrfOf(finance.page),
      'GET',
      `/api/flow-items/${String(started.body.id)}`,
    );
    assert.equal(item.body.status, 'approved');
    const holders = (item.body.tasks as { node: string; assignee: string }[]).filter(
      (one) => one.node === 'finance',
    );
    assert.equal(holders.length, 1, 'one finance person was picked');
  });

  it('keeps a submission made offline and lands it once when back online', async () => {
    const drafter = await person('wang.fang');
    const { page, context } = drafter;
    // the service worker holds the app, and a first sync holds the app definitions
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });
    await page.waitForFunction(
      () => Object.keys(localStorage).some((key) => key.startsWith('tessera.lastSync:')),
      undefined,
      { timeout: 30_000 },
    );
    await context.setOffline(true);
    await page.getByRole('link', { name: '新建', exact: true }).click();
    await page.getByRole('link', { name: /部门经理审批/ }).click();
    await page.getByLabel('标题').fill('离线提交的显示器采购');
    await page.getByLabel('金额').fill('1999');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('已保存在本机，联网后自动同步。').waitFor();
    await page.getByRole('link', { name: /同步/ }).waitFor();
    await page.getByRole('link', { name: /同步/ }).click();
    await page.getByRole('heading', { name: '待同步（1）' }).waitFor();
    await shot(page, 'sync-offline-1280');

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByRole('heading', { name: '待同步（0）' }).waitFor({ timeout: 30_000 });
    // a second sync sends nothing again
    await page.getByRole('button', { name: '立即同步' }).click();
    const csrf = await csrfOf(page);
    const found = await call(
      page,
      csrf,
      'GET',
      `/api/inbox?box=submitted&q=${encodeURIComponent('离线提交的显示器采购')}`,
    );
    assert.equal((found.body.items as unknown[]).length, 1, 'exactly one item was started');
    const records = await call(
      page,
      csrf,
      'GET',
      '/api/apps/purchase/tables/request/records?limit=1000',
    );
    const titles = (records.body.items as { values: { title: string } }[]).map(
      (one) => one.values.title,
    );
    assert.equal(titles.filter((title) => title === '离线提交的显示器采购').length, 1);
  });

  it('exports a view to Excel and imports the file back, with a preview and a per-row report', async () => {
    const buyer = await person('wang.fang');
    const { page } = buyer;
    const csrf = await csrfOf(page);
    for (const [name, category, rating] of [
      ['华为技术', 'hardware', 5],
      ['金蝶软件', 'software', 4],
      ['=HYPERLINK("http://evil")', 'service', 1],
    ] as const) {
      const made = await call(page, csrf, 'POST', '/api/apps/purchase/tables/supplier/records', {
        values: { name, category, rating, city: '深圳', since: '2024-03-01' },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
    await page.getByRole('link', { name: '数据', exact: true }).click();
    await page.getByRole('link', { name: '供应商列表' }).click();
    await page.getByText('金蝶软件').waitFor();
    await shot(page, 'view-suppliers-1280');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 Excel' }).click();
    const file = join(shots, 'suppliers.xlsx');
    await (await download).saveAs(file);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    assert.deepEqual(headers, ['名称', '类别', '城市', '评分', '合作起始']);
    const formula = sheet
      .getColumn(1)
      .values.find((value) => String(value).startsWith('=HYPERLINK'));
    assert.equal(typeof formula, 'string', 'a formula-looking name is written as text');
    assert.equal(sheet.rowCount, 4);
    sheet.addRow(['联想集团', '硬件', '北京', 4, new Date('2025-01-02')]);
    sheet.addRow(['', '不存在的类别', '上海', 9, null]);
    const edited = join(shots, 'suppliers-edited.xlsx');
    await book.xlsx.writeFile(edited);

    await page.getByRole('link', { name: '数据', exact: true }).click();
    await page.getByRole('link', { name: '导入' }).first().click();
    await page.getByLabel('选择 Excel 或 CSV 文件').setInputFiles(edited);
    await page.getByText('有效 4 行').waitFor();
    await page.getByText('有问题 1 行').waitFor();
    await shot(page, 'import-preview-1280');
    const before = await call(
      page,
      csrf,
      'GET',
      '/api/apps/purchase/tables/supplier/records?limit=1000',
    );
    assert.equal((before.body.items as unknown[]).length, 3, 'nothing is written by the preview');
    await page.getByRole('button', { name: '导入 4 条有效记录' }).click();
    await page.getByText('已创建 4 条记录。').waitFor();
    await page.getByText('第 6 行').waitFor();
    const afterImport = await call(
      page,
      csrf,
      'GET',
      '/api/apps/purchase/tables/supplier/records?limit=1000',
    );
    const names = (afterImport.body.items as { values: { name: string } }[]).map(
      (one) => one.values.name,
    );
    assert.equal(names.length, 7);
    assert.equal(names.filter((name) => name === '联想集团').length, 1);
    assert.equal(
      names.filter((name) => name.startsWith('=HYPERLINK')).length,
      2,
      'imported back as the same text',
    );
  });

  it('takes a public submission without an account and gives a receipt to follow it with', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE });
    people.push({ context, page: await context.newPage() });
    const page = people.at(-1)!.page;
    await page.goto(`${tessera.url}/public/purchase/supplier_signup`);
    await page.getByRole('heading', { name: '供应商自助登记' }).waitFor();
    await page.getByLabel('名称').fill('顺丰速运');
    await page.getByLabel('类别').selectOption({ label: '服务' });
    await page.getByLabel('城市').fill('深圳');
    await shot(page, 'public-form-390');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已收到您的提交。').waitFor();
    const receipt = await page.locator('.receipt').textContent();
    assert.match(receipt ?? '', /^SUP-/);
    await shot(page, 'public-receipt-390');
    await page.getByRole('link', { name: '查询进度' }).click();
    await page.getByText('已受理，等待处理').waitFor();

    const buyer = await person('wang.fang');
    const records = await call(
      buyer.page,
      await csrfOf(buyer.page),
      'GET',
      '/api/apps/purchase/tables/supplier/records?limit=1000',
    );
    const names = (records.body.items as { values: { name: string } }[]).map(
      (one) => one.values.name,
    );
    assert.equal(names.filter((name) => name === '顺丰速运').length, 1);
  });

  it('fits a phone: the inbox and one-thumb approval from the bottom bar', async () => {
    const drafter = await person('wang.fang');
    const csrf = await csrfOf(drafter.page);
    const started = await call(
      drafter.page,
      csrf,
      'POST',
      '/api/apps/purchase/flows/purchase_request/items',
      {
        values: { title: '手机上审批的申请', amount: '300.00' },
      },
    );
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const manager = await person('li.lei', PHONE);
    const { page } = manager;
    await shot(page, 'home-todo-390');
    await openEntry(page, 'todo', '手机上审批的申请');
    const approve = page.getByRole('toolbar').getByRole('button', { name: '同意', exact: true });
    const box = await approve.boundingBox();
    assert.ok(
      box && box.y + box.height <= PHONE.height && box.y > PHONE.height / 2,
      `the approve button sits in the lower half: ${JSON.stringify(box)}`,
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling: ${width}px`);
    await shot(page, 'item-390');
    await act(page, '同意', '手机上同意');
    await page.waitForURL(`${tessera.url}/`);
    const item = await call(
      page,
      await csrfOf(page),
      'GET',
      `/api/flow-items/${String(started.body.id)}`,
    );
    assert.equal(item.body.status, 'approved');
    assert.ok(readFileSync(join(shots, 'item-390.png')).length > 1000);
  });
});
