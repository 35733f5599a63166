import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { call, signIn } from './accounts-helpers.ts';
import { tessera, withDataDir } from './cli-helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-import-'));
const dataDir = join(scratch, 'data');
const run = (args: readonly string[], input?: string) =>
  tessera(args, { dataDir, cwd: scratch, ...(input === undefined ? {} : { input }) });

const DEPARTMENTS = [
  '部门名称,部门编码,上级部门',
  '市场部,MKT,HQ', // its parent comes later in the file
  '总部,HQ,',
  '销售部,SALES,总部',
  ',EMPTY,', // row 5: no name
  '研发部,RND,NOWHERE', // row 6: unknown parent
].join('\n');

const USERS = [
  'username,displayName,password,department,manager,email',
  'li.lei,李雷,correct horse battery,MKT,han.mei,li.lei@example.com',
  'han.mei,韩梅梅,correct horse battery,总部,,',
  'x,Too Short,correct horse battery,,,', // row 4: bad username
  'wang.wu,王五,short,SALES,,', // row 5: short password
  'zhao.liu,赵六,correct horse battery,NOPE,,not-an-email', // row 6: two bad cells
].join('\n');

describe('tessera users import / departments import', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('checks departments with --dry-run, then imports them with progress and a row report', async () => {
    writeFileSync(join(scratch, 'departments.csv'), `\uFEFF${DEPARTMENTS}\n`);
    const dry = run(['departments', 'import', 'departments.csv', '--dry-run']);
    assert.equal(dry.status, 1, dry.stderr);
    assert.match(
      dry.stdout,
      /nothing written: would create 3 and update 0 departments; 2 rows failed/,
    );
    assert.match(dry.stdout, /^5 +部门名称 +a department name has 1 to 100 characters/m);
    assert.match(dry.stdout, /^6 +上级部门 +no department has the code or path "NOWHERE"/m);
    await withDataDir(dataDir, async (_app, storage) => {
      assert.equal(await storage.count(), 0, 'a dry run writes nothing');
    });

    const real = run(['departments', 'import', 'departments.csv']);
    assert.equal(real.status, 1, real.stderr);
    assert.match(real.stderr, /imported 3 \/ 3 \(100%\)/);
    assert.match(
      real.stdout,
      /Imported departments from .*departments\.csv: 3 created, 0 updated; 2 rows failed/,
    );
    assert.match(real.stdout, /^row +column +message$/m);
    assert.match(real.stdout, /^5 +部门名称 /m);
    assert.match(real.stdout, /^6 +上级部门 /m);

    const fixed = run(['departments', 'import', 'departments.csv', '--dry-run']);
    assert.match(fixed.stdout, /would create 0 and update 3 departments; 2 rows failed/);
  });

  it('imports users into those departments, and exits 0 when every row is written', async () => {
    writeFileSync(join(scratch, 'users.csv'), USERS);
    const real = run(['users', 'import', 'users.csv']);
    assert.equal(real.status, 1, real.stderr);
    assert.match(real.stderr, /imported 2 \/ 2 \(100%\)/);
    assert.match(real.stdout, /2 created, 0 updated; 3 rows failed/);
    assert.match(real.stdout, /^4 +username +"x" is not a username/m);
    assert.match(real.stdout, /^5 +password +/m);
    assert.match(real.stdout, /^6 +department +/m);
    assert.match(real.stdout, /^6 +email +/m);

    writeFileSync(
      join(scratch, 'more.csv'),
      'username,password,dept\nzhao.liu,correct horse battery,RND-missing\n',
    );
    const failing = run(['users', 'import', 'more.csv']);
    assert.equal(failing.status, 1);
    writeFileSync(
      join(scratch, 'more.csv'),
      'username,password,dept,上级\nzhao.liu,correct horse battery,SALES,li.lei\n',
    );
    const ok = run(['users', 'import', 'more.csv']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /1 created, 0 updated$/m);
    assert.doesNotMatch(ok.stdout, /row +column/);

    const admin = run(['admin', 'create', 'importer', '--password-stdin'], 'importer password 1\n');
    assert.equal(admin.status, 0, admin.stderr);
    await withDataDir(dataDir, async (app) => {
      const session = await signIn(app, 'importer', 'importer password 1');
      const users = await call(app, 'GET', '/api/users?limit=100', { as: session });
      const byName = new Map(
        (
          users.json.items as {
            id: string;
            username: string;
            manager?: string;
            department?: string;
          }[]
        ).map((user) => [user.username, user]),
      );
      assert.deepEqual([...byName.keys()].sort(), ['han.mei', 'importer', 'li.lei', 'zhao.liu']);
      assert.equal(byName.get('li.lei')?.manager, byName.get('han.mei')?.id);
      assert.equal(byName.get('zhao.liu')?.manager, byName.get('li.lei')?.id);
      const departments = await call(app, 'GET', '/api/departments', { as: session });
      const names = (departments.json.items as { name: string }[]).map((d) => d.name).sort();
      assert.deepEqual(names, ['市场部', '总部', '销售部'].sort());
    });
  });

  it('refuses a file with an unknown column, a missing file and a missing action', () => {
    writeFileSync(join(scratch, 'odd.csv'), 'username,shoe size\nabc,42\n');
    const odd = run(['users', 'import', 'odd.csv']);
    assert.equal(odd.status, 1);
    assert.match(odd.stderr, /tessera: odd\.csv: unknown column "shoe size"/);
    const missing = run(['users', 'import', 'nothing-here.csv']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /ENOENT|no such file/);
    const noAction = run(['departments']);
    assert.equal(noAction.status, 2);
    assert.match(noAction.stderr, /departments needs an action/);
  });
});
