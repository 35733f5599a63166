import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

it('main.ts starts on a free port, serves, and exits 0 on SIGTERM', {
  timeout: 60_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  try {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed; stderr: ${stderr}`)),
        30_000,
      );
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const found = /^Tessera is running at (http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(stdout);
        if (found && stdout.includes('sign-in arrives with storage.')) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
    });
    assert.doesNotMatch(url, /:0\/$/, 'prints the real port');
    assert.equal(
      stdout.trim().split('\n')[1],
      'No accounts yet: this build has no stored data; sign-in arrives with storage.',
    );

    const health = await fetch(new URL('api/health', url));
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Tessera<\/title>/);

    const settings = JSON.parse(await readFile(join(dataDir, 'instance.json'), 'utf8'));
    assert.equal(typeof settings.instanceId, 'string');
    assert.equal(settings.enabledPlugins.length, 3);
  } finally {
    process.kill(child.pid!, 'SIGTERM');
    const [code, signal] = await exited;
    assert.equal(signal, null, 'exits by itself, not killed by the signal');
    assert.equal(code, 0);
    await rm(dataDir, { recursive: true, force: true });
  }
});
