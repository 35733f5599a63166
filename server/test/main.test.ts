import assert from 'node:assert/strict';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Started {
  readonly url: string;
  /** The two lines printed at start. */
  readonly lines: readonly string[];
  stop(): Promise<void>;
}

/** Starts `main.ts` on a free port and resolves once it has printed its two lines. */
async function startMain(dataDir: string): Promise<Started> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts'],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = once(child, 'exit');
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const stop = async () => {
    process.kill(child.pid!, 'SIGTERM');
    const [code, signal] = await exited;
    assert.equal(signal, null, 'exits by itself, not killed by the signal');
    assert.equal(code, 0);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed; stdout: ${stdout}; stderr: ${stderr}`)),
        45_000,
      );
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const found = /^Tessera is running at (http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(stdout);
        if (found && stdout.trim().split('\n').length >= 2) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
    });
    return { url, lines: stdout.trim().split('\n'), stop };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

it('main.ts starts on a free port, prints the first admin once, serves, and exits 0 on SIGTERM', {
  timeout: 120_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-main-'));
  try {
    const first = await startMain(dataDir);
    let password: string;
    try {
      assert.doesNotMatch(first.url, /:0\/$/, 'prints the real port');
      const login =
        /^Admin login: admin \/ (\S{16}) {2}\(shown once — change it after signing in\)$/.exec(
          first.lines[1] ?? '',
        );
      assert.ok(login, `the second line gives the admin login: ${first.lines[1]}`);
      password = login[1]!;

      const health = await fetch(new URL('api/health', first.url));
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      // the implementers' page is always there; the end-user app at / once npm start built it
      const page = await fetch(new URL('platform', first.url));
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>Tessera/);

      const signIn = await fetch(new URL('api/auth/login', first.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      assert.equal(signIn.status, 200, 'the printed password signs in');
      assert.match(signIn.headers.get('set-cookie') ?? '', /^tessera_session=[\w-]{43};/);

      const settings = JSON.parse(await readFile(join(dataDir, 'instance.json'), 'utf8'));
      assert.equal(typeof settings.instanceId, 'string');
      assert.equal(settings.enabledPlugins.length, 3);
    } finally {
      await first.stop();
    }

    const second = await startMain(dataDir);
    try {
      assert.equal(
        second.lines[1],
        `Sign in as an admin at ${second.url}api/reference (the first admin's password was shown at first start)`,
      );
      assert.ok(!second.lines.join('\n').includes(password), 'the password is never printed again');
      const again = await fetch(new URL('api/auth/login', second.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      assert.equal(again.status, 200, 'the admin made at first start is still there');
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
