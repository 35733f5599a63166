import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { claimId } from '@tessera/runtime';
import type { Answer } from './accounts-helpers.ts';
import {
  customers,
  type ImportWorld,
  startImportWorld,
  upload,
  xlsxOf,
} from './imports-helpers.ts';

/** The rule a refusal names (`import.maxRows` …). */
const ruleOf = (answer: Answer) => (answer.json.error as { rule?: unknown } | undefined)?.rule;

let world: ImportWorld;
before(async () => {
  world = await startImportWorld();
});

type Preview = {
  columns: { header: string; field: string | null; issue?: string }[];
  missing: { field: string; message: string }[];
  rows: {
    row: number;
    values: Record<string, unknown>;
    issues: { field: string; message: string }[];
  }[];
  counts: { total: number; valid: number; invalid: number };
};
type Outcome = {
  created: { row: number; id: string; replayed?: boolean }[];
  failed: { row: number; issues: { field: string; message: string }[] }[];
  counts: { total: number; valid: number; invalid: number };
};

const chineseCsv = [
  '\uFEFF客户名称,年营业额,员工数, 签约日期 ,等级,区域,有效,客户经理,备注,传真',
  '华为,"1,234,567.5",200,2024/3/1,金牌,华东,是,zhang.wei,=1+2,010-1',
  '小米,abc,10,2024-02-30,铜牌,华北,否,nobody,"+cmd|\' /C calc\'!A0",',
  ',5,1,,,,,,,',
  '',
].join('\r\n');

describe('importing rows into a master table', () => {
  it('previews a CSV with Chinese headers: columns matched, cells converted, issues per row, nothing written', async () => {
    const answer = await upload(
      world,
      world.seller,
      { name: '客户.csv', bytes: chineseCsv },
      'dryRun=true&locale=zh-CN',
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const preview = answer.json as unknown as Preview;
    assert.deepEqual(
      preview.columns.map((one) => one.field),
      ['name', 'revenue', 'staff', 'since', 'tier', 'region', 'active', 'owner', 'note', null],
    );
    assert.match(String(preview.columns[9]!.issue), /列“传真”不对应/);
    assert.deepEqual(preview.counts, { total: 3, valid: 1, invalid: 2 });
    const [first, second, third] = preview.rows;
    assert.equal(first!.row, 2);
    assert.deepEqual(first!.issues, []);
    assert.deepEqual(first!.values, {
      name: '华为',
      revenue: '1234567.50',
      staff: 200,
      since: '2024-03-01',
      tier: 'gold',
      region: 'east',
      active: true,
      owner: world.seller.user.id,
      note: '=1+2',
    });
    assert.deepEqual(second!.issues.map((one) => one.field).sort(), [
      'owner',
      'revenue',
      'since',
      'tier',
    ]);
    assert.match(
      second!.issues.find((one) => one.field === 'owner')!.message,
      /没有用户名为“nobody”/,
    );
    assert.equal(third!.row, 4);
    assert.deepEqual(
      third!.issues.map((one) => one.field),
      ['name'],
    );
    assert.equal((await customers(world)).length, 0);
  });

  it('imports the valid rows, lists the invalid ones, and a retry with the same key creates nothing new', async () => {
    const headers = { 'idempotency-key': 'import-1' };
    const answer = await upload(
      world,
      world.seller,
      { name: 'c.csv', bytes: chineseCsv },
      'dryRun=false',
      headers,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const outcome = answer.json as unknown as Outcome;
    assert.deepEqual(outcome.counts, { total: 3, valid: 1, invalid: 2 });
    assert.deepEqual(
      outcome.created.map((one) => one.row),
      [2],
    );
    assert.deepEqual(
      outcome.failed.map((one) => one.row),
      [3, 4],
    );
    const stored = await customers(world);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.createdBy, world.seller.user.id);
    assert.equal(stored[0]!.values.code, 'C-0001'); // numbered as a hand-made record is
    assert.equal(stored[0]!.values.note, '=1+2'); // formula-looking text stays text

    // a view's CSV export guards such text with a quote (decision 0021); it imports back as it was
    const exported = await upload(
      world,
      world.seller,
      { name: 'export.csv', bytes: 'name,note\nGuarded,\'=HYPERLINK("x")\n' },
      'dryRun=true',
    );
    assert.equal((exported.json as unknown as Preview).rows[0]!.values.note, '=HYPERLINK("x")');

    const again = await upload(
      world,
      world.seller,
      { name: 'c.csv', bytes: chineseCsv },
      'dryRun=false',
      headers,
    );
    const replay = again.json as unknown as Outcome;
    assert.deepEqual(replay.created, [{ row: 2, id: outcome.created[0]!.id, replayed: true }]);
    assert.equal((await customers(world)).length, 1);
  });

  it('writes a row whose key a killed try claimed without writing its record, and does not call it replayed', async () => {
    // what a kill between the claim and the record leaves: the claim, pointing at nothing
    const target = 'record:01KILLEDBEFOREITSRECORD00';
    const key = `record:${world.seller.user.id}:crm:customer:import-killed#2`;
    await world.server.storage.create({
      _id: await claimId(key),
      type: 'idempotency-key',
      target,
      createdAt: '',
    });
    const answer = await upload(
      world,
      world.seller,
      { name: 'c.csv', bytes: '客户名称\n半途\n另一家\n' },
      'dryRun=false',
      { 'idempotency-key': 'import-killed' },
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const outcome = answer.json as unknown as Outcome;
    assert.deepEqual(outcome.created[0], { row: 2, id: target }, 'written now, under the claim');
    assert.equal(outcome.created[1]?.replayed, undefined);
    const stored = await world.server.storage.get<{ values: { name: string } }>(target);
    assert.equal(stored?.values.name, '半途');
  });

  it('imports an .xlsx with English and Chinese headers: numbers, dates, formulas by their result, text that looks like a formula as text', async () => {
    const bytes = await xlsxOf([
      ['name', 'Annual Revenue', 'STAFF', '签约日期', '等级', 'Region', 'active', '备 注'],
      [
        'Acme',
        1234.5,
        12,
        new Date(Date.UTC(2023, 11, 31)),
        'Silver',
        'North China',
        'yes',
        '=SUM(A1:A9)',
      ],
      [
        'Globex',
        { formula: 'B2/10000', result: 0.1 + 0.2 },
        7,
        '2024-01-15',
        'gold',
        'east',
        false,
        '@import',
      ],
      ['Initech', 'lots', 3, null, 'gold', null, null, null],
    ]);
    const headers = { 'idempotency-key': 'xlsx-1' };
    const answer = await upload(
      world,
      world.admin,
      { name: 'customers.xlsx', bytes },
      'dryRun=false',
      headers,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const outcome = answer.json as unknown as Outcome;
    assert.deepEqual(outcome.counts, { total: 3, valid: 2, invalid: 1 });
    assert.deepEqual(outcome.failed[0]!.row, 4);
    assert.equal(outcome.failed[0]!.issues[0]!.field, 'revenue');
    const byName = new Map((await customers(world)).map((one) => [one.values.name, one.values]));
    assert.deepEqual(
      { ...byName.get('Acme'), code: undefined },
      {
        name: 'Acme',
        revenue: '1234.50',
        staff: 12,
        since: '2023-12-31',
        tier: 'silver',
        region: 'north',
        active: true,
        note: '=SUM(A1:A9)',
        code: undefined,
      },
    );
    const globex = byName.get('Globex')!;
    assert.equal(globex.revenue, '0.30'); // the cached result, without float noise
    assert.equal(globex.staff, 7);
    assert.equal(globex.active, false);
    assert.equal(globex.note, '@import');
  });

  it('reports a missing required column and refuses callers without an app role', async () => {
    const preview = await upload(
      world,
      world.seller,
      { name: 'x.csv', bytes: 'tier\ngold\n' },
      'dryRun=true',
    );
    assert.equal(preview.status, 200);
    assert.deepEqual(
      (preview.json as unknown as Preview).missing.map((one) => one.field),
      ['name'],
    );
    const refused = await upload(
      world,
      world.outsider,
      { name: 'x.csv', bytes: 'name\nA\n' },
      'dryRun=true',
    );
    assert.equal(refused.status, 403);
  });

  it('needs an Idempotency-Key to write, and refuses files it cannot take with the rule named', async () => {
    const noKey = await upload(
      world,
      world.seller,
      { name: 'x.csv', bytes: 'name\nA\n' },
      'dryRun=false',
    );
    assert.equal(noKey.status, 400);
    assert.equal(noKey.json.error?.field, 'Idempotency-Key');

    const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x0a, 0xc3, 0xfb]); // 客户\n名 in GBK
    const encoding = await upload(
      world,
      world.seller,
      { name: 'gbk.csv', bytes: gbk },
      'dryRun=true',
    );
    assert.equal(encoding.status, 400);
    assert.equal(encoding.json.error?.code, 'invalid_encoding');
    assert.match(String(encoding.json.error?.message), /GBK/);

    const pdf = await upload(
      world,
      world.seller,
      { name: 'x.pdf', bytes: '%PDF-1.4' },
      'dryRun=true',
    );
    assert.equal(pdf.status, 400);
    assert.equal(ruleOf(pdf), 'import.fileType');

    const rows = `name\n${Array.from({ length: 10_001 }, (_, index) => `c${index}`).join('\n')}\n`;
    const many = await upload(
      world,
      world.seller,
      { name: 'many.csv', bytes: rows },
      'dryRun=true',
    );
    assert.equal(many.status, 413);
    assert.equal(ruleOf(many), 'import.maxRows');

    const big = await upload(
      world,
      world.seller,
      { name: 'big.csv', bytes: `name\n${'x'.repeat(4.5 * 1024 * 1024)}\n` },
      'dryRun=true',
    );
    assert.equal(big.status, 413);
    assert.equal(ruleOf(big), 'import.maxFileBytes');
  });
});
