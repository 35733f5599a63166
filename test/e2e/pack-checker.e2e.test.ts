import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { type RunningTessera, root, startTessera } from './start-tessera.ts';

const shots = join(root, '.tmp', 'screenshots');

describe('the pack checker, as an implementer uses it after npm start', () => {
  let tessera: RunningTessera;
  let browser: Browser;
  let page: Page;

  before(async () => {
    tessera = await startTessera();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    mkdirSync(shots, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await tessera?.stop();
  });

  it('lists the installed plugins and their types', async () => {
    await page.goto(`${tessera.url}/platform`);
    await page.getByText('@tessera/plugin-field-basic').first().waitFor();
    const text = (await page.locator('#platform-body').textContent()) ?? '';
    for (const expected of ['Money', 'Sub-table', 'Countersign', 'Write-back', 'Chart']) {
      assert.ok(text.includes(expected), `the platform page shows ${expected}`);
    }
  });

  it('accepts the example pack and names each problem of a broken one', async () => {
    await page.click('a[data-tab="packs"]');
    await page.click('#pack-example');
    await page.click('#pack-check');
    await page.locator('#pack-result .verdict.good').waitFor();

    const source = await page.inputValue('#pack-source');
    const broken = source
      .replace('"type": "money"', '"type": "currency"')
      .replace('"role": "legal"', '"role": "cfo"');
    assert.notEqual(broken, source);
    await page.fill('#pack-source', broken);
    await page.click('#pack-check');
    await page.locator('#pack-result .verdict.bad').waitFor();
    const issues = await page.locator('#pack-result ol.issues li').allInnerTexts();
    assert.equal(issues.length, 2, issues.join('\n'));
    assert.match(
      issues.join('\n'),
      /\/tables\/0\/fields\/\d+\/type[\s\S]*unknown field type "currency"/,
    );
    assert.match(
      issues.join('\n'),
      /\/flows\/0\/nodes\/\d+\/config\/assignees\/0\/role[\s\S]*role "cfo" is not defined/,
    );
    await page.screenshot({ path: join(shots, 'pack-checker-en.png'), fullPage: true });

    await page.click('button[data-locale="zh-CN"]');
    await page.getByText('未知的字段类型“currency”').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, 'pack-checker-zh-phone.png'), fullPage: true });
    await page.click('button[data-locale="en"]');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows where an expression is wrong', async () => {
    await page.click('a[data-tab="expressions"]');
    await page.fill('#expr-source', 'amount > 10000 &&\n  owner > 3');
    await page.click('#expr-check');
    const result = page.locator('#expr-result');
    await result.getByText('line 2, column 3').waitFor();
    assert.match((await result.textContent()) ?? '', /no such overload: string > int/);
    await page.fill('#expr-source', 'amount > 10000 && owner == "alice"');
    await page.click('#expr-check');
    await result.getByText('bool').first().waitFor();
  });
});
