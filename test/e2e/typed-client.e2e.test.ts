import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { type RunningTessera, root, startTessera } from './start-tessera.ts';

// The README's "Calling Tessera from code": after `npm start`, the admin installs the contract
// pack, makes an API token, and runs runtime/examples/add-customers.ts with it — the typed
// client adding customers, once each however often it runs, and naming what it refuses.

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('calling Tessera from code, with the typed client', { timeout: 600_000 }, () => {
  let tessera: RunningTessera;
  let token = '';

  /** Runs the README's example with the token, as a person would in a shell. */
  const example = (...names: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'runtime/examples/add-customers.ts', ...names],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TESSERA_URL: tessera.url, TESSERA_TOKEN: token },
        timeout: 120_000,
      },
    );

  before(async () => {
    tessera = await startTessera();
    let login: RegExpExecArray | null = null;
    for (let waited = 0; !login && waited < 30_000; waited += 100) {
      login = /Admin login: (\S+) \/ (\S+)/.exec(tessera.output());
      if (!login) await pause(100);
    }
    assert.ok(login, tessera.output());
    const origin = new URL(tessera.url).origin;
    const signedIn = await fetch(`${tessera.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: login[1], password: login[2] }),
    });
    assert.equal(signedIn.status, 200);
    const session = (await signedIn.json()) as { csrfToken: string; user: { id: string } };
    const cookie = /tessera_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')![0];
    const post = async (path: string, body: unknown) => {
      const answer = await fetch(`${tessera.url}/api${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie,
          origin,
          'x-csrf-token': session.csrfToken,
        },
        body: JSON.stringify(body),
      });
      return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
    };
    const installed = await post('/packs/contract/install', {
      roles: { sales: { users: [session.user.id], departments: [] } },
      demo: false,
    });
    assert.ok([200, 202].includes(installed.status), JSON.stringify(installed.json));
    for (let waited = 0; waited < 120_000; waited += 500) {
      const state = await fetch(`${tessera.url}/api/packs/contract/install`, {
        headers: { cookie },
      }).then((answer) => answer.json() as Promise<{ install?: { state?: string } }>);
      if (state.install?.state === 'installed') break;
      await pause(500);
    }
    const made = await post('/auth/tokens', { name: 'add-customers example' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    token = String(made.json.token);
  });
  after(() => tessera?.stop());

  it('adds the customers named, and lists them', () => {
    const run = example('华为', '小米');
    assert.equal(run.status, 0, run.stderr);
    const added = [...run.stdout.matchAll(/^added (record:\S+) (\S+)$/gm)];
    assert.deepEqual(
      added.map((line) => line[2]),
      ['华为', '小米'],
    );
    assert.match(run.stdout, / 小米\n/);
    assert.match(run.stdout, / 华为\n/);

    // the same run again: each customer's key finds the record it made
    const again = example('华为', '小米');
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(
      [...again.stdout.matchAll(/^added (record:\S+) (\S+)$/gm)].map((line) => line[1]),
      added.map((line) => line[1]),
    );
  });

  it("names the server's reason and the field for a customer it refuses, and exits 1", () => {
    const run = example('');
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stderr, /not added "": invalid_record \/values\/name /);
  });
});
