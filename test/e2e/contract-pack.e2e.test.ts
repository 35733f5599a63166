import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { call, csrfOf, PASSWORD, type Person, printedAdmin, signInAs } from './app-setup.ts';
import { launchChromium } from './chromium.ts';
import { type RunningTessera, root, startTessera } from './start-tessera.ts';

// The contract pack from `npm start`, in Chromium: the admin installs it from the app store,
// mapping its six roles to six people; then each person works the pack's flows in their own
// browser — a sales contract with three instalments approved by Legal and the Sales Director,
// a change, two collections, a purchase contract paid in two parts with a third payment over
// the total refused, a supplier rated — and the views show it. Screenshots go to
// test-results/contract-pack/ (not committed).

const shots = join(root, 'test-results', 'contract-pack');

/** username, name, the pack role they hold (as the wizard shows it). */
const PEOPLE = [
  ['chen.xiao', '陈晓', '销售员'],
  ['liu.wei', '刘伟', '销售总监'],
  ['wang.fa', '王法', '法务'],
  ['zhao.cai', '赵财', '财务'],
  ['sun.li', '孙丽', '采购员'],
  ['zhou.jie', '周杰', '采购总监'],
] as const;

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the contract pack, installed from the app store and worked by its roles', () => {
  let tessera: RunningTessera;
  let browser: Browser;
  const people = new Map<string, Person>();
  const as = async (username: string) => {
    const known = people.get(username);
    if (known) return known.page;
    const signed = await signInAs(browser, tessera.url, username);
    people.set(username, signed);
    return signed.page;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  /** Reads records of a table through the API, from inside the person's page. */
  const records = async (page: Page, table: string) => {
    const answer = await call(
      page,
      await csrfOf(page),
      'GET',
      `/api/apps/contract/tables/${table}/records?limit=200`,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.items as { id: string; values: Record<string, unknown> }[];
  };

  /** Opens a new item of a flow from 新建. */
  const startFlow = async (page: Page, flow: string) => {
    await page.getByRole('link', { name: '新建', exact: true }).click();
    await page.getByRole('link', { name: new RegExp(`^${flow}`) }).click();
    await page.getByRole('heading', { name: `新建：${flow}` }).waitFor();
  };

  /** Picks a record or person in a search field by typing part of its name. */
  const pick = async (page: Page, field: string, text: string, choice = text) => {
    await page.getByRole('searchbox', { name: field }).fill(text);
    await page
      .getByRole('button', { name: new RegExp(choice) })
      .first()
      .click();
  };

  const fill = (page: Page, field: string, value: string) =>
    page.getByRole('textbox', { name: field, exact: true }).fill(value);

  /** Adds rows to a sub-table: each row's cells by column label. */
  const addRows = async (page: Page, rows: readonly Record<string, string>[]) => {
    for (const [i, row] of rows.entries()) {
      await page.getByRole('button', { name: '添加行' }).click();
      for (const [column, value] of Object.entries(row)) {
        await page
          .getByRole('textbox', { name: new RegExp(`^${column}, 第 ${i + 1} 行`) })
          .fill(value);
      }
    }
  };

  /** Submits the new item and answers its id once the item page shows. */
  const submit = async (page: Page): Promise<string> => {
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/items\//);
    return decodeURIComponent(page.url().split('/items/')[1]!);
  };

  /** Opens the item with this title from the person's 待办 and approves it with an opinion. */
  const approve = async (username: string, title: string, opinion: string) => {
    const page = await as(username);
    await page.goto(`${tessera.url}/`);
    await page
      .getByRole('link', { name: new RegExp(title) })
      .first()
      .click();
    await page.waitForURL(/\/items\//);
    await page.getByRole('toolbar').getByRole('button', { name: '同意', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('意见').fill(opinion);
    await dialog.getByRole('button', { name: '同意', exact: true }).click();
    await page.waitForURL(`${tessera.url}/`);
  };

  const itemStatus = async (page: Page, id: string) => {
    const item = await call(
      page,
      await csrfOf(page),
      'GET',
      `/api/flow-items/${encodeURIComponent(id)}`,
    );
    return String(item.body.status);
  };

  /** A test whose failure leaves a screenshot of every person's page in test-results. */
  const step = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        for (const [username, one] of people) {
          await shot(one.page, `failed-${name.slice(0, 20)}-${username}`).catch(() => undefined);
        }
        throw error;
      }
    });

  before(async () => {
    tessera = await startTessera();
    const [adminName, adminPassword] = await printedAdmin(tessera);
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
    // the admin adds the six people (an organisation would import them)
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${tessera.url}/api/reference`);
    const login = await call(page, '', 'POST', '/api/auth/login', {
      username: adminName,
      password: adminPassword,
    });
    const csrf = String(login.body.csrfToken);
    for (const [username, displayName] of PEOPLE) {
      const made = await call(page, csrf, 'POST', '/api/users', {
        username,
        displayName,
        password: PASSWORD,
        roles: ['user'],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
    await context.close();
  });

  after(async () => {
    for (const one of people.values()) await one.context.close();
    await browser?.close();
    await tessera?.stop();
  });

  step('installs in one step from the app store, each pack role given to a person', async () => {
    const [adminName, adminPassword] = await printedAdmin(tessera);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${tessera.url}/`);
    await page.getByLabel('用户名').fill(adminName);
    await page.getByLabel('密码').fill(adminPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '应用市场' }).first().click();
    const card = page.getByRole('article', { name: '服务合同管理' });
    await card.getByText('16 张表 · 7 个流程 · 15 个视图').waitFor();
    await shot(page, 'store-1280');
    await card.getByRole('link', { name: '安装' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    for (const [, name, role] of PEOPLE) {
      const group = page.getByRole('group', { name: `${role}：人员` });
      await group.getByRole('searchbox').fill(name);
      await group.getByRole('button', { name: new RegExp(name) }).click();
    }
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('definition').filter({ hasText: '周杰 (zhou.jie)' }).waitFor();
    await page.getByRole('button', { name: '安装', exact: true }).click();
    await page.getByText('安装完成：v1.0.0。').waitFor({ timeout: 60_000 });
    await shot(page, 'installed-1280');
    // installing again changes nothing
    const csrf = await csrfOf(page);
    const again = await call(page, csrf, 'POST', '/api/packs/contract/install', { roles: {} });
    assert.equal(again.status, 200);
    await context.close();
  });

  step(
    'approves a sales contract with three instalments by Legal and the Sales Director',
    async () => {
      const sales = await as('chen.xiao');
      // 新建 offers the salesperson only the flows a salesperson starts
      await sales.getByRole('link', { name: '新建', exact: true }).click();
      await sales.getByRole('link', { name: /^销售合同审批/ }).waitFor();
      assert.equal(await sales.getByRole('link', { name: /^采购合同审批/ }).count(), 0);
      await startFlow(sales, '销售合同审批');
      await fill(sales, '合同名称*', '年度云平台运维服务合同');
      await pick(sales, '客户*', '云启', '北京云启科技');
      // the customer's contact is pulled in from the customer archive
      await sales.getByRole('status', { name: '客户联系人' }).getByText('王磊').waitFor();
      await fill(sales, '合同金额*', '300000');
      await fill(sales, '签订日期*', day(0));
      await fill(sales, '服务开始日期*', day(0));
      await fill(sales, '服务结束日期*', day(364));
      await fill(sales, '合同主要条款*', '7×24 小时运维保障，月度巡检');
      await addRows(sales, [
        { 款项: '首付款', 计划收款日期: day(5), 金额: '100000' },
        { 款项: '中期款', 计划收款日期: day(20), 金额: '100000' },
        { 款项: '尾款', 计划收款日期: day(300), 金额: '90000' },
      ]);
      // the instalments must add up to the amount: the form says so at submission
      await sales.getByRole('button', { name: '提交', exact: true }).click();
      await sales
        .getByText(/收款计划.*合计|合计.*合同金额/)
        .first()
        .waitFor();
      await sales.getByRole('textbox', { name: /^金额, 第 3 行/ }).fill('100000');
      await shot(sales, 'sales-contract-form-1280');
      const id = await submit(sales);

      await approve('wang.fa', '年度云平台运维服务合同', '条款合规');
      await approve('liu.wei', '年度云平台运维服务合同', '同意签订');
      assert.equal(await itemStatus(sales, id), 'approved');

      // the contract archive has it, with its collection plan of three dated instalments
      const archive = (await records(sales, 'sales_contract')).find(
        (one) => one.values.title === '年度云平台运维服务合同',
      );
      assert.ok(archive, 'the approved contract is in the archive');
      assert.equal(archive.values.outstanding, '300000.00');
      const plan = (await records(sales, 'collection_plan')).filter(
        (one) => one.values.contract === archive.id,
      );
      assert.deepEqual(plan.map((one) => [one.values.dueDate, one.values.amount]).sort(), [
        [day(5), '100000.00'],
        [day(20), '100000.00'],
        [day(300), '100000.00'],
      ]);
      // the archive record shows its instalments among its related records
      await sales.goto(
        `${tessera.url}/records/contract/sales_contract/${encodeURIComponent(archive.id)}`,
      );
      await sales.getByText('年度云平台运维服务合同').first().waitFor();
      await sales.getByText('中期款').first().waitFor();
      await shot(sales, 'sales-contract-record-1280');
    },
  );

  step('records a change on the contract, reviewed by Legal and the Director', async () => {
    const sales = await as('chen.xiao');
    await startFlow(sales, '销售合同变更');
    await pick(sales, '销售合同*', '年度云平台运维', '年度云平台运维服务合同');
    await sales
      .getByRole('status', { name: '原合同金额' })
      .getByText(/300,000/)
      .waitFor();
    await fill(sales, '变更后合同金额*', '300000');
    await fill(sales, '变更后服务结束日期*', day(424));
    await fill(sales, '变更原因*', '客户要求延长服务期');
    await fill(sales, '变更内容*', '服务期顺延 60 天，金额不变');
    await submit(sales);
    await approve('wang.fa', '年度云平台运维服务合同', '补充条款合规');
    await approve('liu.wei', '年度云平台运维服务合同', '同意变更');
    const archive = (await records(sales, 'sales_contract')).find(
      (one) => one.values.title === '年度云平台运维服务合同',
    )!;
    assert.equal(archive.values.serviceEnd, day(424));
    assert.equal(archive.values.status, 'changed');
    assert.equal(archive.values.changeCount, 1);
    const changes = (await records(sales, 'contract_change')).filter(
      (one) => one.values.salesContract === archive.id || one.values.contract === archive.id,
    );
    assert.equal(changes.length, 1, 'the change is recorded with the contract');
  });

  step(
    'records two collections against the instalments; the outstanding amount follows',
    async () => {
      const finance = await as('zhao.cai');
      for (const [amount, instalment] of [
        ['60000', '首付款'],
        ['40000', '首付款'],
      ] as const) {
        await startFlow(finance, '收款登记');
        await pick(finance, '收款计划*', instalment);
        await fill(finance, '本次收款金额*', amount);
        await fill(finance, '到账日期*', day(0));
        await finance.getByRole('combobox', { name: '收款方式*' }).selectOption({ index: 1 });
        await submit(finance);
      }
      const sales = await as('chen.xiao');
      const archive = (await records(sales, 'sales_contract')).find(
        (one) => one.values.title === '年度云平台运维服务合同',
      )!;
      assert.equal(archive.values.collected, '100000.00');
      assert.equal(archive.values.outstanding, '200000.00');
      const first = (await records(sales, 'collection_plan')).find(
        (one) => one.values.contract === archive.id && one.values.dueDate === day(5),
      )!;
      assert.equal(first.values.outstanding, '0.00');
      // the salesperson was told (知会) of each collection
      await sales.goto(`${tessera.url}/`);
      await sales.getByRole('tab', { name: /知会/ }).click();
      await sales.getByRole('link', { name: /收款/ }).first().waitFor();
    },
  );

  step(
    'pays a purchase contract in two parts and refuses a third payment over the total',
    async () => {
      const buyer = await as('sun.li');
      await startFlow(buyer, '采购合同审批');
      await fill(buyer, '合同名称*', '云服务器资源采购');
      await pick(buyer, '供应商*', '华云', '华云数据服务');
      await fill(buyer, '合同金额*', '100000');
      await fill(buyer, '签订日期*', day(0));
      await fill(buyer, '服务开始日期*', day(0));
      await fill(buyer, '服务结束日期*', day(40));
      await fill(buyer, '服务内容*', '40 台云服务器一年');
      await addRows(buyer, [
        { 款项: '预付款', 计划付款日期: day(3), 金额: '60000' },
        { 款项: '尾款', 计划付款日期: day(30), 金额: '40000' },
      ]);
      const id = await submit(buyer);
      await approve('zhou.jie', '云服务器资源采购', '同意采购');
      await approve('wang.fa', '云服务器资源采购', '合同合规');
      assert.equal(await itemStatus(buyer, id), 'approved');

      for (const [line, amount] of [
        ['预付款', '60000'],
        ['尾款', '40000'],
      ] as const) {
        await startFlow(buyer, '付款申请');
        await pick(buyer, '采购合同*', '云服务器资源采购');
        await pick(buyer, '付款计划*', line);
        await fill(buyer, '本次付款金额*', amount);
        await buyer.getByRole('combobox', { name: '付款方式*' }).selectOption({ index: 1 });
        await fill(buyer, '付款说明*', `${line}`);
        await submit(buyer);
        await approve('zhao.cai', '云服务器资源采购', '已付款');
      }
      const archive = (await records(buyer, 'purchase_contract')).find(
        (one) => one.values.title === '云服务器资源采购',
      )!;
      assert.equal(archive.values.paid, '100000.00');
      assert.equal(archive.values.unpaid, '0.00');

      // a third payment would pay more than the contract's total: refused with the rule's message
      await startFlow(buyer, '付款申请');
      await pick(buyer, '采购合同*', '云服务器资源采购');
      await pick(buyer, '付款计划*', '尾款');
      await fill(buyer, '本次付款金额*', '10000');
      await buyer.getByRole('combobox', { name: '付款方式*' }).selectOption({ index: 1 });
      await fill(buyer, '付款说明*', '追加付款');
      await buyer.getByRole('button', { name: '提交', exact: true }).click();
      await buyer
        .getByText(/付款总额不能超过合同总额/)
        .first()
        .waitFor();
      await shot(buyer, 'payment-refused-1280');
      assert.match(buyer.url(), /\/start\//, 'nothing was submitted');
      const payments = (await records(buyer, 'payment')).filter(
        (one) => one.values.contract === archive.id,
      );
      assert.equal(payments.length, 2);
    },
  );

  step('rates the supplier into the supplier archive', async () => {
    const buyer = await as('sun.li');
    const before = (await records(buyer, 'purchase_contract')).find(
      (one) => one.values.title === '云服务器资源采购',
    )!;
    const supplierId = String(before.values.supplier);
    const supplier = async () =>
      (await records(buyer, 'supplier')).find((one) => one.id === supplierId)!;
    const count = Number((await supplier()).values.ratingCount ?? 0);
    await startFlow(buyer, '供应商评价');
    const name = String((await supplier()).values.name);
    await pick(buyer, '供应商*', name.slice(0, 4), name);
    await buyer.getByRole('combobox', { name: '服务质量*' }).selectOption({ index: 5 });
    await buyer.getByRole('combobox', { name: '响应及时性*' }).selectOption({ index: 4 });
    await buyer.getByRole('combobox', { name: '服务态度*' }).selectOption({ index: 5 });
    await fill(buyer, '评价说明*', '响应及时，服务稳定');
    await submit(buyer);
    await approve('zhou.jie', name, '确认');
    const after = await supplier();
    assert.equal(Number(after.values.ratingCount), count + 1);
    assert.ok(Number(after.values.lastRating) > 4, `last rating ${after.values.lastRating}`);
  });

  step('shows it all in the views', async () => {
    const finance = await as('zhao.cai');
    await finance.goto(`${tessera.url}/apps/contract/views/sales_by_status`);
    await finance.getByText('年度云平台运维服务合同').first().waitFor();
    await shot(finance, 'view-sales-by-status-1280');
    await finance.goto(`${tessera.url}/apps/contract/views/collection_records`);
    await finance
      .getByRole('cell', { name: /60,000/ })
      .first()
      .waitFor();
    await finance.goto(`${tessera.url}/apps/contract/views/payment_records`);
    await finance.getByText('云服务器资源采购').first().waitFor();
    // due within 30 days and not yet collected: the second instalment, its salesperson by name
    await finance.goto(`${tessera.url}/apps/contract/views/collections_due`);
    const due = finance.getByRole('row', { name: /中期款/ });
    await due.first().waitFor();
    await due.first().getByText('陈晓').waitFor();
    await shot(finance, 'view-collections-due-1280');
    await finance.goto(`${tessera.url}/apps/contract/views/sales_by_customer`);
    await finance.locator('canvas').first().waitFor();
    await shot(finance, 'view-sales-by-customer-1280');
    const buyer = await as('sun.li');
    await buyer.goto(`${tessera.url}/apps/contract/views/supplier_ratings`);
    await buyer.getByRole('table').first().waitFor();
    await shot(buyer, 'view-supplier-ratings-1280');
  });
});
