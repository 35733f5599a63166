import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { storageFromEnv } from '@tessera/runtime';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-'));

function tessera(args: readonly string[], dataDir: string) {
  return spawnSync(process.execPath, ['server/bin/tessera.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: scratch, COUCHDB_URL: '' },
    timeout: 60_000,
  });
}

describe('tessera backup / restore', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('round-trips a data folder through a backup file, with progress', async () => {
    const source = join(scratch, 'source');
    const storage = await storageFromEnv({}, source);
    const ids: string[] = [];
    for (let i = 0; i < 700; i++)
      ids.push((await storage.create({ type: 'record', n: i, text: `行 ${i}` })).id);
    const edited = await storage.mutate<{ n: number }>(ids[0]!, (doc) => ({ ...doc, n: -1 }));
    await storage.close();

    const backup = tessera(['backup', 'out.jsonl.gz'], source);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /Backed up 700 documents/);
    assert.match(backup.stderr, /backed up 700 \/ 700 \(100%\)/);
    assert.ok(existsSync(join(scratch, 'out.jsonl.gz')));

    const target = join(scratch, 'target');
    const restore = tessera(['restore', 'out.jsonl.gz'], target);
    assert.equal(restore.status, 0, restore.stderr);
    assert.match(restore.stdout, /Restored 700 documents/);

    const restored = await storageFromEnv({}, target);
    try {
      assert.equal(await restored.count(), 700);
      const first = await restored.get<{ n: number }>(ids[0]!);
      assert.equal(first?.n, -1);
      assert.equal(first?._rev, edited?.rev);
      assert.equal((await restored.get<{ text: string }>(ids[699]!))?.text, '行 699');
    } finally {
      await restored.close();
    }

    const again = tessera(['restore', 'out.jsonl.gz'], target);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already holds 700 documents; restore needs an empty one/);
  });

  it('refuses a file that is not a backup, and an existing output file', () => {
    writeFileSync(join(scratch, 'notes.txt'), 'hello');
    const wrong = tessera(['restore', 'notes.txt'], join(scratch, 'empty'));
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /tessera: /);
    const twice = tessera(['backup', 'notes.txt'], join(scratch, 'empty'));
    assert.equal(twice.status, 1);
    assert.match(twice.stderr, /EEXIST|exists/);
    const unknown = tessera(['frobnicate'], join(scratch, 'empty'));
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });
});
