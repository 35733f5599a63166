import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { appDocId } from '../src/apps/app-documents.ts';
import { demoRecordId, journalId } from '../src/packs/pack-documents.ts';
import { PackRefusal } from '../src/packs/pack-errors.ts';
import { readAppRoles } from '../src/records/app-roles.ts';
import { addUser, assetPack, documentIds, packsFolder, packWorld } from './packs-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'packs-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const bundled = packsFolder(join(dir, 'bundled'), [assetPack('1.0.0')]);

async function refusal(work: Promise<unknown>): Promise<PackRefusal> {
  try {
    await work;
  } catch (error) {
    if (error instanceof PackRefusal) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

describe('pack install', () => {
  it('installs in one step: definitions, demo records with references, role mapping, then the app', async () => {
    const { context, packs } = await packWorld(bundled);
    const keeper = await addUser(context, 'wang.fang');
    const started = await packs.install('asset-register', {
      roles: { keeper: { users: ['wang.fang'] } },
      actor: 'user:admin',
    });
    assert.equal(started.started, true);
    assert.equal(started.journal.state, 'installing');
    const done = await started.finished;
    assert.equal(done.state, 'installed');
    assert.equal(done.step, 'done');
    assert.equal(done.done, done.total);
    assert.deepEqual(done.written, []);

    const app = await context.storage.get<{ latestVersion: number; pack: object }>(
      appDocId('asset_register'),
    );
    assert.equal(app?.latestVersion, 1);
    assert.deepEqual(app?.pack, { name: 'asset-register', version: '1.0.0' });
    const laptop = await context.storage.get<{ values: Record<string, unknown> }>(
      demoRecordId('asset_register', 'asset', 'a1'),
    );
    assert.equal(laptop?.values.keeper, keeper, '$role:keeper became the mapped user');
    assert.equal(laptop?.values.bought, '2026-11-01', '$today-30d from the install day');
    const mapping = await readAppRoles(context.storage, 'asset_register');
    assert.deepEqual(mapping?.roles, { keeper: { users: [keeper] } });
    assert.deepEqual(mapping?.rows, { asset: { keeper: 'all' } }, "the pack's row rules");
    const listed = (await packs.list()).find((one) => one.name === 'asset-register');
    assert.equal(listed?.installed?.state, 'installed');
    assert.equal(listed?.valid, true);
  });

  it('installing the installed version again changes nothing', async () => {
    const { context, packs } = await packWorld(bundled);
    await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' })).finished;
    const before = await documentIds(context);
    const again = await packs.install('asset-register', { roles: {}, actor: 'user:admin' });
    assert.equal(again.started, false);
    assert.equal((await again.finished).state, 'installed');
    assert.deepEqual(await documentIds(context), before);
  });

  it('refuses a bad role mapping naming the entry, and writes nothing', async () => {
    const { context, packs } = await packWorld(bundled);
    const before = await documentIds(context);
    const refused = await refusal(
      packs.install('asset-register', {
        roles: { keeper: { users: ['nobody'] }, cfo: { users: [] } },
        actor: 'user:admin',
      }),
    );
    assert.equal(refused.status, 400);
    assert.deepEqual(
      refused.issues.map((one) => [one.path, one.code]),
      [
        ['/roles/keeper/users/0', 'pack.unknownUser'],
        ['/roles/cfo', 'pack.unknownRole'],
      ].sort((a, b) => (a[0]! < b[0]! ? 1 : -1)),
    );
    assert.deepEqual(await documentIds(context), before);
  });

  it('refuses a pack whose plugins are missing, naming the plugin', async () => {
    const pack: Record<string, unknown> = { ...assetPack('1.0.0'), name: 'needs-more' };
    (pack.requires as Record<string, string>)['@acme/plugin-gantt'] = '^1.0.0';
    const { packs } = await packWorld(packsFolder(join(dir, 'missing'), [pack]));
    const refused = await refusal(packs.install('needs-more', { roles: {}, actor: 'user:admin' }));
    assert.equal(refused.status, 422);
    assert.equal(refused.code, 'pack_plugins_missing');
    assert.equal(refused.issues[0]?.path, '/requires/@acme~1plugin-gantt');
    assert.match(
      refused.message,
      /needs plugin "@acme\/plugin-gantt" \^1.0.0, which is not installed/,
    );
  });

  it('rolls back an install that fails part-way, leaving the database as it was', async () => {
    const { context, packs } = await packWorld(bundled);
    const before = await documentIds(context);
    // a document in the way of the app document: the last write fails
    await context.storage.create({ _id: 'approles:asset_register', type: 'approles', app: 'x' });
    const withBlocker = await documentIds(context);
    const failed = await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' }))
      .finished;
    assert.equal(failed.state, 'failed');
    assert.match(failed.error?.message.en ?? '', /failed and was rolled back/);
    const after = (await documentIds(context)).filter((id) => id !== journalId('asset_register'));
    // the blocker was in the plan's ids, so rolling back took it too: everything the install
    // planned is gone, and nothing else changed
    assert.deepEqual(
      after,
      withBlocker.filter((id) => id !== 'approles:asset_register'),
    );
    assert.deepEqual(after, before);
  });

  it('an interrupted install is rolled back by recovery and can be installed again', async () => {
    const { context, packs } = await packWorld(bundled);
    const before = await documentIds(context);
    await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' })).finished;
    // what a crash mid-way leaves: the journal `installing` listing what the install writes,
    // the app document (written last) not there yet
    const written = (await documentIds(context)).filter(
      (id) => !before.includes(id) && id !== journalId('asset_register'),
    );
    const app = await context.storage.get(appDocId('asset_register'));
    await context.storage.remove(app!._id, app!._rev);
    await context.storage.mutate<Record<string, unknown>>(
      journalId('asset_register'),
      (journal) => ({
        ...journal,
        state: 'installing',
        holder: 'a-process-that-died',
        written,
      }),
    );
    const report = await packs.recover();
    assert.deepEqual(report.rolledBack, ['asset_register']);
    const state = await packs.state('asset-register');
    assert.equal(state.state, 'failed');
    assert.equal(state.error?.code, 'install_interrupted');
    assert.equal(
      await context.storage.get(demoRecordId('asset_register', 'asset', 'a1')),
      undefined,
    );
    assert.equal(await context.storage.get('appversion:asset_register:000001'), undefined);
    const left = (await documentIds(context)).filter((id) => !before.includes(id));
    assert.deepEqual(left, [journalId('asset_register')], 'only the journal, marked failed');
    const again = await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' }))
      .finished;
    assert.equal(again.state, 'installed');
  });
});

describe('pack uninstall and export', () => {
  it('remove restores the document set of before the install, but for the pack audit entries', async () => {
    const { context, packs } = await packWorld(bundled);
    await addUser(context, 'wang.fang');
    const before = await documentIds(context);
    await (
      await packs.install('asset-register', {
        roles: { keeper: { users: ['wang.fang'] } },
        actor: 'user:admin',
      })
    ).finished;
    assert.ok((await documentIds(context)).length > before.length + 5);
    const { removed } = await packs.uninstall('asset-register', 'remove', 'user:admin');
    assert.ok(removed >= 7, `removed ${removed}`);
    const after = await documentIds(context);
    const added = after.filter((id) => !before.includes(id));
    const audits = await Promise.all(
      added.map((id) => context.storage.get<{ action?: string }>(id)),
    );
    assert.deepEqual(
      audits.map((doc) => doc?.action).sort(),
      ['pack.install', 'pack.uninstall'],
      'only the log of the install and the removal stays',
    );
    assert.deepEqual(
      after.filter((id) => before.includes(id)),
      before,
    );
  });

  it('keep removes the app and keeps its records; installing again brings them back', async () => {
    const { context, packs } = await packWorld(bundled);
    await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' })).finished;
    await packs.uninstall('asset-register', 'keep', 'user:admin');
    assert.equal(await context.storage.get(appDocId('asset_register')), undefined);
    assert.ok(await context.storage.get(demoRecordId('asset_register', 'asset', 'a1')));
    const again = await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' }))
      .finished;
    assert.equal(again.state, 'installed');
    assert.equal(again.appVersion, 2, 'published after the kept version');
    const app = await context.storage.get<{ latestVersion: number }>(appDocId('asset_register'));
    assert.equal(app?.latestVersion, 2);
  });

  it('exports an installed app as a pack that installs on another instance', async () => {
    const { packs } = await packWorld(bundled);
    await (await packs.install('asset-register', { roles: {}, actor: 'user:admin' })).finished;
    const exported = await packs.export('asset-register', 'all');
    assert.equal(exported.name, 'asset-register');
    assert.deepEqual(Object.keys(exported.requires as object), [
      '@tessera/plugin-field-basic',
      '@tessera/plugin-view-basic',
    ]);
    const demo = (exported.demo as Record<string, Record<string, unknown>[]>).asset!;
    assert.deepEqual(demo.map((one) => one.$id).sort(), ['a1', 'a2']);

    const other = await packWorld(join(dir, 'none'));
    const listing = await other.packs.upload(exported, 'user:admin');
    assert.equal(listing.valid, true);
    const installed = await (
      await other.packs.install('asset-register', { roles: {}, actor: 'user:admin' })
    ).finished;
    assert.equal(installed.state, 'installed');
    const copy = await other.context.storage.get<{ values: Record<string, unknown> }>(
      demoRecordId('asset_register', 'asset', 'a2'),
    );
    assert.equal(copy?.values.name, 'Printer');
  });
});
