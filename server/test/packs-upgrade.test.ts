import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Stored } from '@tessera/runtime';
import { appDocId } from '../src/apps/app-documents.ts';
import { demoRecordId, journalId } from '../src/packs/pack-documents.ts';
import type { RecordFields } from '../src/records/record-document.ts';
import { assetPack, packsFolder, packWorld } from './packs-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'packs-upgrade-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const bundled = packsFolder(join(dir, 'bundled'), [assetPack('1.0.0'), assetPack('2.0.0')]);

/** v1 installed with its two demo records and one record a user made since. */
async function installedWorld() {
  const world = await packWorld(bundled);
  const { packs, context } = world;
  const done = await (
    await packs.install('asset-register', { version: '1.0.0', roles: {}, actor: 'user:admin' })
  ).finished;
  assert.equal(done.state, 'installed');
  await context.storage.create<RecordFields>({
    _id: 'record:made-by-a-user',
    type: 'record',
    schemaVersion: 1,
    app: 'asset_register',
    table: 'asset',
    appVersion: 1,
    values: { name: 'Projector', cost: '4300.50' },
    createdAt: '2026-12-01T10:00:00.000Z',
    createdBy: 'user:someone',
    updatedAt: '2026-12-01T10:00:00.000Z',
    updatedBy: 'user:someone',
  });
  return world;
}

const recordsOf = async (world: Awaited<ReturnType<typeof installedWorld>>) =>
  Promise.all(
    [
      demoRecordId('asset_register', 'asset', 'a1'),
      demoRecordId('asset_register', 'asset', 'a2'),
      'record:made-by-a-user',
    ].map((id) => world.context.storage.get<RecordFields>(id) as Promise<Stored<RecordFields>>),
  );

describe('pack upgrade', () => {
  it('shows what will change before changing anything', async () => {
    const world = await installedWorld();
    const listing = (await world.packs.list()).find((one) => one.name === 'asset-register');
    assert.equal(listing?.version, '2.0.0');
    assert.equal(listing?.installed?.version, '1.0.0');
    const preview = await world.packs.previewUpgrade('asset-register');
    assert.equal(preview.from, '1.0.0');
    assert.equal(preview.to, '2.0.0');
    assert.deepEqual(preview.changes.map((one) => `${one.part} ${one.id} ${one.change}`).sort(), [
      'field asset.cost removed',
      'field asset.location added',
      'field asset.price added',
      'view assets changed',
    ]);
    assert.deepEqual(
      preview.migrations[0]?.steps.map((step) => [step.op, step.records]),
      [
        ['renameField', 3],
        ['setField', 3],
      ],
    );
    const [laptop] = await recordsOf(world);
    assert.equal(laptop?.appVersion, 1, 'a preview changes nothing');
  });

  it('v1 → v2 renames a field and adds one: every record migrated, nothing lost', async () => {
    const world = await installedWorld();
    const before = await recordsOf(world);
    const started = await world.packs.upgrade('asset-register', 'user:admin');
    assert.equal(started.journal.state, 'upgrading');
    const done = await started.finished;
    assert.equal(done.state, 'installed');
    assert.equal(done.version, '2.0.0');
    assert.equal(done.appVersion, 2);
    assert.equal(done.fromVersion, undefined, 'the journal no longer says an upgrade runs');
    assert.equal(done.done, 3);
    assert.deepEqual(
      done.history.map((one) => `${one.action} ${one.version}`),
      ['install 1.0.0', 'upgrade 2.0.0'],
    );
    const afterwards = await recordsOf(world);
    afterwards.forEach((record, i) => {
      assert.equal(record.appVersion, 2);
      assert.equal(record.values.price, before[i]!.values.cost, 'the value moved with the rename');
      assert.equal(record.values.cost, undefined);
      assert.equal(record.values.location, '总部');
      assert.equal(record.values.name, before[i]!.values.name);
      assert.equal(record.createdBy, before[i]!.createdBy);
    });
    const app = await world.context.storage.get<{ latestVersion: number; pack: object }>(
      appDocId('asset_register'),
    );
    assert.equal(app?.latestVersion, 2);
    assert.deepEqual(app?.pack, { name: 'asset-register', version: '2.0.0' });
    // a second upgrade to the same version is refused: nothing newer
    await assert.rejects(world.packs.upgrade('asset-register', 'user:admin'), /is not newer/);
  });

  it('an upgrade interrupted part-way is finished by recovery', async () => {
    const world = await installedWorld();
    // what a crash mid-way leaves: the journal `upgrading`, the new version not yet live
    await world.context.storage.mutate<Record<string, unknown>>(
      journalId('asset_register'),
      (journal) => ({
        ...journal,
        state: 'upgrading',
        step: 'migrate',
        fromVersion: '1.0.0',
        version: '2.0.0',
        source: { kind: 'bundled', name: 'asset-register', version: '2.0.0' },
        appVersion: 2,
        holder: 'a-process-that-died',
      }),
    );
    const report = await world.packs.recover();
    assert.deepEqual(report.resumed, ['asset_register']);
    const state = await world.packs.state('asset-register');
    assert.equal(state.state, 'installed');
    assert.equal(state.version, '2.0.0');
    for (const record of await recordsOf(world)) {
      assert.equal(record.appVersion, 2);
      assert.equal(record.values.location, '总部');
      assert.ok(record.values.price);
    }
  });
});
