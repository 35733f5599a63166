import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { findUserByUsername } from '../src/accounts/username-claim.ts';
import { call, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
after(() => assert.deepEqual(server.storage.warnings, []));

interface Report {
  dryRun: boolean;
  created: number;
  updated: number;
  errors: { row: number; field: string; message: string }[];
}

async function upload(path: string, csv: string | Uint8Array, type = 'text/csv; charset=utf-8') {
  const response = await app.request(path, {
    method: 'POST',
    headers: {
      cookie: `tessera_session=${admin.cookie}`,
      origin: 'http://localhost',
      'x-csrf-token': admin.csrf,
      'content-type': type,
    },
    body: csv,
  });
  return {
    status: response.status,
    json: (await response.json()) as Report & { error?: { code: string } },
  };
}

const post = async (path: string, body: unknown) =>
  (await call(app, 'POST', path, { as: admin, body })).json as { id: string };
const hq = await post('/api/departments', { name: '总部', code: 'HQ' });
const market = await post('/api/departments', { name: '市场部', parent: hq.id });
const accountant = await post('/api/positions', { name: '会计' });

const USERS = [
  '\uFEFF用户名,姓名,邮箱,密码,角色,部门,职位,上级',
  'zhang.san,张三,zhang@example.com,"pass,word 123",用户,HQ,会计,li.si',
  'li.si,"李四 ""老李""",li@example.com,another pass 1,"管理员、用户",总部/市场部,,',
  'x,短名,,another pass 1,,,,',
  'wang.wu,王五,not-an-email,another pass 1,,,,',
  'zhao.liu,赵六,,,,,,',
  'sun.qi,孙七,,another pass 1,boss,,,',
  'zhou.ba,周八,,another pass 1,,不存在/部门,,',
  'wu.jiu,吴九,,another pass 1,,,,nobody.here',
  '',
].join('\r\n');

const EXPECTED_USER_ERRORS = [
  [4, '用户名'],
  [5, '邮箱'],
  [6, '密码'],
  [7, '角色'],
  [8, '部门'],
  [9, '上级'],
];

describe('POST /api/import/users', () => {
  it('dry run: reports every bad row by row and column, writes nothing', async () => {
    const { status, json } = await upload('/api/import/users?dryRun=true', USERS);
    assert.equal(status, 200);
    assert.equal(json.dryRun, true);
    assert.equal(json.created, 2);
    assert.equal(json.updated, 0);
    assert.deepEqual(
      json.errors.map((error) => [error.row, error.field]),
      EXPECTED_USER_ERRORS,
    );
    assert.equal(await findUserByUsername(server.context, 'zhang.san'), undefined);
  });

  it('writes the good rows (managers may come later in the file) and lists the bad ones', async () => {
    const { json } = await upload('/api/import/users', USERS);
    assert.equal(json.dryRun, false);
    assert.equal(json.created, 2);
    assert.deepEqual(
      json.errors.map((error) => [error.row, error.field]),
      EXPECTED_USER_ERRORS,
    );
    const zhang = await findUserByUsername(server.context, 'zhang.san');
    const li = await findUserByUsername(server.context, 'li.si');
    assert.ok(zhang && li);
    assert.equal(zhang.department, hq.id, 'department by code');
    assert.equal(zhang.position, accountant.id, 'position by name');
    assert.equal(zhang.manager, li._id, 'manager by username, from a later row');
    assert.equal(li.department, market.id, 'department by path');
    assert.equal(li.displayName, '李四 "老李"', 'quotes');
    assert.deepEqual(li.roles, ['admin', 'user']);
    await signIn(app, 'zhang.san', 'pass,word 123');
    assert.equal(
      await findUserByUsername(server.context, 'wang.wu'),
      undefined,
      'bad rows land nothing',
    );
  });

  it('updates known users and answers in English for English headers', async () => {
    const csv = 'username,displayName,active\nzhang.san,Zhang San,no\n';
    const { json } = await upload('/api/import/users', csv);
    assert.deepEqual(json, { dryRun: false, created: 0, updated: 1, errors: [] });
    const zhang = await findUserByUsername(server.context, 'zhang.san');
    assert.equal(zhang?.displayName, 'Zhang San');
    assert.equal(zhang?.active, false);
  });

  it('refuses loops of managers within the file', async () => {
    const csv = [
      'username,password,manager',
      'loop.a,another pass 1,loop.b',
      'loop.b,another pass 1,loop.a',
      'loop.c,another pass 1,loop.a',
    ].join('\n');
    const { json } = await upload('/api/import/users?dryRun=true', csv);
    assert.deepEqual(
      json.errors.map((error) => [error.row, error.field]),
      [
        [2, 'manager'],
        [3, 'manager'],
        [4, 'manager'],
      ],
    );
  });

  it('refuses a file it cannot read as a whole', async () => {
    const unknown = await upload('/api/import/users', 'username,shoe size\nann,42\n');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error?.code, 'unknown_column');
    const missing = await upload('/api/import/users', '姓名\n张三\n');
    assert.equal(missing.json.error?.code, 'missing_column');
    const json = await upload('/api/import/users', '{}', 'application/json');
    assert.equal(json.status, 415);
    const latin = await upload('/api/import/users', new Uint8Array([0x75, 0xff, 0xfe]), 'text/csv');
    assert.equal(latin.json.error?.code, 'invalid_encoding');
  });
});

describe('POST /api/import/departments', () => {
  const DEPARTMENTS = [
    'name,code,parent,head',
    '华东区,EAST,SALES,admin',
    '销售部,SALES,总部,',
    '上海办,,总部/销售部/华东区,',
    'Loop A,LA,LB,',
    'Loop B,LB,LA,',
    'Orphan,,Nowhere,',
    'Bad/Name,,,',
    'Headless,,,nobody.here',
  ].join('\n');

  it('dry run writes nothing', async () => {
    const { json } = await upload('/api/import/departments?dryRun=true', DEPARTMENTS);
    assert.equal(json.created, 3);
    assert.equal(json.errors.length, 5);
    const all = await call(app, 'GET', '/api/departments', { as: admin });
    assert.ok(!(all.json.items as { name: string }[]).some((each) => each.name === '销售部'));
  });

  it('creates parents before children whatever the row order, and lists the bad rows', async () => {
    const { json } = await upload('/api/import/departments', DEPARTMENTS);
    assert.equal(json.created, 3);
    assert.equal(json.updated, 0);
    assert.deepEqual(
      json.errors.map((error) => [error.row, error.field]),
      [
        [5, 'parent'],
        [6, 'parent'],
        [7, 'parent'],
        [8, 'name'],
        [9, 'head'],
      ],
    );
    const all = (await call(app, 'GET', '/api/departments?limit=1000', { as: admin })).json
      .items as { id: string; name: string; path: string[]; head?: string }[];
    const byName = new Map(all.map((each) => [each.name, each]));
    const sales = byName.get('销售部')!;
    const east = byName.get('华东区')!;
    const shanghai = byName.get('上海办')!;
    assert.deepEqual(sales.path, [hq.id]);
    assert.deepEqual(east.path, [hq.id, sales.id]);
    assert.equal(east.head, admin.user.id);
    assert.deepEqual(shanghai.path, [hq.id, sales.id, east.id]);
  });

  it('updates a stored department found by code or path, also from a GB18030 file', async () => {
    const gb = new Uint8Array([
      ...new TextEncoder().encode('name,code\n'),
      0xd7,
      0xdc,
      0xb2,
      0xbf, // 总部 in GB18030
      ...new TextEncoder().encode(',HQ\n'),
    ]);
    const { json } = await upload('/api/import/departments', gb, 'text/csv; charset=gb18030');
    assert.deepEqual(json, { dryRun: false, created: 0, updated: 1, errors: [] });
    const moved = await upload('/api/import/departments', 'name,code,parent\n华东区,EAST,总部\n');
    assert.equal(moved.json.updated, 1);
    const east = (await call(app, 'GET', '/api/departments?limit=1000', { as: admin })).json
      .items as { name: string; path: string[] }[];
    assert.deepEqual(east.find((each) => each.name === '华东区')?.path, [hq.id], 'moved by code');
    const shanghai = east.find((each) => each.name === '上海办');
    assert.equal(shanghai?.path.length, 2, 'its subtree came along');
  });
});
