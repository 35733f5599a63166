/**
 * kill -9 during a pack install, for real: `tessera pack install` of the contract pack grown to
 * 5,000 demo records is sent SIGKILL once it has written its first batch. The next pack
 * command rolls the install back: no app, no record, no version of it is left, the journal
 * says what happened, and installing again succeeds (and a third time changes nothing).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createPouchStorage, storageLocationFromEnv } from '@tessera/runtime';
import { bigContractPack, writePackFile } from './support/big-contract-pack.ts';
import { exited, root, scratchDir, stopAll } from './support/processes.ts';

function cli(dataDir: string, args: readonly string[]): ChildProcess & { out: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/main.ts', 'pack', ...args],
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir, TESSERA_CWD: root } },
  );
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  return Object.assign(child, { out: () => text });
}

async function run(dataDir: string, args: readonly string[]) {
  const child = cli(dataDir, args);
  assert.ok(await exited(child, 180_000), `pack ${args.join(' ')} did not end`);
  return { code: child.exitCode, out: child.out() };
}

async function leftOf(dataDir: string) {
  const storage = await createPouchStorage(storageLocationFromEnv({}, dataDir));
  try {
    let records = 0;
    const ids: string[] = [];
    for await (const doc of storage.dump()) {
      if (doc.app === 'contract' && doc.type === 'record') records++;
      ids.push(String(doc._id));
    }
    const journal = await storage.get<{ state: string; error?: { code: string } }>(
      'packinstall:contract',
    );
    return {
      records,
      app: ids.includes('app:contract'),
      versions: ids.filter((id) => id.startsWith('appversion:contract:')).length,
      journal,
    };
  } finally {
    await storage.close();
  }
}

describe('kill -9 during a pack install', { timeout: 600_000 }, () => {
  after(stopAll);

  it('leaves no half-installed pack: the next command rolls it back, and it installs again', async () => {
    const dir = await scratchDir('pack-kill');
    const dataDir = join(dir, 'data');
    const file = writePackFile(dir, await bigContractPack(5_000));

    const install = cli(dataDir, ['install', file]);
    const killed = await new Promise<boolean>((done) => {
      const watch = () => {
        // a batch of demo records written: the progress line counts more than 0
        if (/^demo [1-9]\d* \//m.test(install.out())) {
          install.kill('SIGKILL');
          done(true);
        }
      };
      install.stderr?.on('data', watch);
      install.once('exit', () => done(false));
    });
    assert.ok(killed, `the install ended before it could be killed:\n${install.out()}`);
    await exited(install);
    const midway = await leftOf(dataDir);
    assert.equal(midway.journal?.state, 'installing', 'the kill left the install running');
    assert.ok(midway.records > 0, 'some demo records were written before the kill');
    assert.equal(midway.app, false, 'the app document comes last, so the app was never visible');

    const list = await run(dataDir, ['list']);
    assert.equal(list.code, 0, list.out);
    assert.match(list.out, /Rolled back the interrupted install of app "contract"/);
    const rolled = await leftOf(dataDir);
    assert.equal(rolled.records, 0);
    assert.equal(rolled.versions, 0);
    assert.equal(rolled.app, false);
    assert.equal(rolled.journal?.state, 'failed');
    assert.equal(rolled.journal?.error?.code, 'install_interrupted');

    const again = await run(dataDir, ['install', file]);
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /Installed contract 1\.0\.0 as app "contract"/);
    const installed = await leftOf(dataDir);
    assert.equal(installed.records, 5_000);
    assert.equal(installed.app, true);
    assert.equal(installed.journal?.state, 'installed');

    const third = await run(dataDir, ['install', file]);
    assert.equal(third.code, 0, third.out);
    assert.match(third.out, /installed already; nothing to do/);
  });
});
