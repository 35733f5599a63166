import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { errorOf } from './helpers.ts';
import { exportOf, startSalesWorld } from './views-helpers.ts';

const world = await startSalesWorld();
const { admin } = world;
after(() => assert.deepEqual(world.server.storage.warnings, []));

const today = () => new Date(world.server.clock.now).toISOString().slice(0, 10);

async function sheetOf(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const sheet = workbook.worksheets[0];
  assert.ok(sheet);
  return sheet;
}

describe('GET /api/apps/{app}/views/{view}/export?format=xlsx', () => {
  it('is a workbook with headers in the request language, typed cells, in the view order', async () => {
    const { response, bytes } = await exportOf(world, admin, 'format=xlsx&locale=zh-CN');
    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    assert.ok(disposition.startsWith('attachment;'), disposition);
    assert.ok(
      disposition.includes(`filename*=UTF-8''${encodeURIComponent(`全部商机-${today()}.xlsx`)}`),
      disposition,
    );
    const sheet = await sheetOf(bytes);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      '标题',
      '金额',
      '数量',
      '签订日期',
      '状态',
      '标签',
      '客户',
    ]);
    assert.equal(sheet.rowCount, 7);
    const titles = [2, 3, 4, 5, 6, 7].map((at) => sheet.getRow(at).getCell(1).value);
    assert.deepEqual(titles, ['合同甲', 'Charlie', 'Alice deal', '=1+1', 'Bravo', 'Alpha']);
    const big = sheet.getRow(2);
    assert.equal(big.getCell(2).value, 12345678.9);
    assert.equal(big.getCell(2).numFmt, '#,##0.00');
    assert.equal(big.getCell(3).value, 5);
    assert.equal(big.getCell(5).value, '选项won');
    const alpha = sheet.getRow(7);
    assert.ok(alpha.getCell(4).value instanceof Date);
    assert.equal((alpha.getCell(4).value as Date).toISOString().slice(0, 10), world.daysAgo(5));
    assert.equal(alpha.getCell(6).value, '选项a');
    // a link column shows the linked record's name
    assert.equal(alpha.getCell(7).value, 'Acme 公司');
  });

  it('writes text that looks like a formula as a string cell, never a formula', async () => {
    const { bytes } = await exportOf(world, admin, 'format=xlsx');
    const sheet = await sheetOf(bytes);
    const cell = sheet.getRow(5).getCell(1);
    assert.equal(cell.value, '=1+1');
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.formula, undefined);
  });

  it('exports every row of the view with the filters and search of the request', async () => {
    const filter = encodeURIComponent(
      JSON.stringify([{ field: 'status', op: 'eq', value: 'open' }]),
    );
    const { bytes } = await exportOf(world, admin, `format=xlsx&filter=${filter}&q=a`);
    const sheet = await sheetOf(bytes);
    assert.deepEqual(
      [2, 3, 4].map((at) => sheet.getRow(at).getCell(1).value),
      ['Alice deal', 'Bravo', 'Alpha'],
    );
    assert.equal(sheet.rowCount, 4);
  });
});

describe('GET /api/apps/{app}/views/{view}/export?format=csv', () => {
  it('is UTF-8 with a BOM, money exact, formula-like text prefixed with a quote', async () => {
    const { response, bytes } = await exportOf(world, admin, 'format=csv&locale=zh-CN');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.ok(
      (response.headers.get('content-disposition') ?? '').includes(
        encodeURIComponent(`全部商机-${today()}.csv`),
      ),
    );
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const { data } = Papa.parse<string[]>(text.trim());
    assert.deepEqual(data[0], ['标题', '金额', '数量', '签订日期', '状态', '标签', '客户']);
    assert.deepEqual(data[1], ['合同甲', '12345678.90', '5', '', '选项won', '选项c', '']);
    assert.deepEqual(data[4]?.slice(0, 2), ["'=1+1", '5.00']);
    assert.deepEqual(data[6], [
      'Alpha',
      '0.10',
      '1',
      world.daysAgo(5),
      '选项open',
      '选项a',
      'Acme 公司',
    ]);
  });

  it('refuses an unknown format naming the parameter', async () => {
    const { response, bytes } = await exportOf(world, admin, 'format=pdf');
    assert.equal(response.status, 400);
    const error = errorOf(JSON.parse(new TextDecoder().decode(bytes)));
    assert.equal(error.field, '?format');
  });
});
