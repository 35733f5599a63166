import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { call, signIn } from './accounts-helpers.ts';
import { tessera, withDataDir } from './cli-helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-admin-'));
const dataDir = join(scratch, 'data');
const run = (args: readonly string[], input?: string) =>
  tessera(args, { dataDir, cwd: scratch, ...(input === undefined ? {} : { input }) });

describe('tessera admin create', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('makes an admin with a generated password, printed once, that signs in', async () => {
    const made = run(['admin', 'create', 'ops.lead', '--display-name', '运维负责人']);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /Admin created: ops\.lead \(user:[0-9A-Z]{26}\)/);
    const password = /Password: (\S+) {2}\(shown once/.exec(made.stdout)?.[1];
    assert.ok(password, made.stdout);
    assert.equal(password.length, 16);
    assert.equal(made.stdout.split(password).length, 2, 'the password is printed exactly once');
    await withDataDir(dataDir, async (app) => {
      const session = await signIn(app, 'ops.lead', password);
      assert.deepEqual(session.user.roles, ['admin']);
      assert.equal(session.user.displayName, '运维负责人');
      const users = await call(app, 'GET', '/api/users', { as: session });
      assert.equal(users.status, 200); // an admin-only route
    });
  });

  it('takes the password from standard input and prints no password', async () => {
    const made = run(['admin', 'create', 'second.admin', '--password-stdin'], 'piped secret 123\n');
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /Admin created: second\.admin/);
    assert.doesNotMatch(made.stdout, /Password|piped secret/);
    await withDataDir(dataDir, async (app) => {
      const session = await signIn(app, 'second.admin', 'piped secret 123');
      assert.deepEqual(session.user.roles, ['admin']);
    });
  });

  it('refuses a taken username (in any case), a short password, and missing words', () => {
    const taken = run(['admin', 'create', 'OPS.LEAD']);
    assert.equal(taken.status, 1);
    assert.match(taken.stderr, /the username "OPS\.LEAD" is taken \(usernames ignore case\)/);
    assert.doesNotMatch(taken.stdout, /Password/);
    const short = run(['admin', 'create', 'third.admin', '--password-stdin'], 'short\n');
    assert.equal(short.status, 1);
    assert.match(short.stderr, /cannot create the admin \(password\)/);
    const empty = run(['admin', 'create', 'third.admin', '--password-stdin'], '');
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /read no password from standard input/);
    const noName = run(['admin', 'create']);
    assert.equal(noName.status, 2);
    assert.match(noName.stderr, /admin create needs the USERNAME/);
    const unknown = run(['admin', 'create', 'x.y.z', '--force']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown option --force/);
    const help = run(['help']);
    assert.match(help.stdout, /tessera admin create USERNAME/);
    assert.match(help.stdout, /tessera users import FILE\.csv/);
    assert.match(help.stdout, /tessera departments import FILE\.csv/);
  });
});
