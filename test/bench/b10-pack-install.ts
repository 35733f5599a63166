/**
 * B10 — pack install: installing the contract pack with 1,000 demo records, against raw
 * PouchDB `bulkDocs` of the very same documents.
 *
 * Each round, on embedded PouchDB (LevelDB) in a fresh folder:
 *   - Tessera: `tessera pack install` as the CLI runs it (the pack service over the storage
 *     adapter, indexes made before the clock starts): validation of the whole pack and its demo
 *     records, the role mapping, the journal, demo references resolved, computed fields and
 *     auto-numbers, records and their audit entries in batches of 500, counters, role mapping,
 *     the published version and the app document, the journal moved at every step;
 *   - raw: the documents that install wrote (read back from its database, revisions dropped),
 *     written with `bulkDocs` in batches of 500 into a fresh raw PouchDB 9 (the copy the adapter
 *     loads) on the same LevelDB.
 * Then the pack is uninstalled with "remove", and the document set is compared with the one
 * before the install: equal but for the two audit entries of the install and the removal, which
 * the append-only log keeps (decision 0025).
 * Round 0 warms up (expressions compiled, JIT) and is shown but not counted.
 * Target: Tessera ≤ 2× raw (median of the counted rounds); uninstall restores the document set.
 *
 * Run: `node --import tsx test/bench/b10-pack-install.ts` (or `npm run bench -- b10`).
 * B10_RECORDS and B10_ROUNDS override the demo record count (1,000) and the rounds (5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatform } from '@tessera/core';
import { createPouchStorage, type PouchStorage } from '@tessera/runtime';
import type { PackContext } from '../../server/src/packs/pack-context.ts';
import { packService } from '../../server/src/packs/pack-service.ts';
import { packSources } from '../../server/src/packs/pack-sources.ts';
import { INSTALLED_PLUGINS } from '../../server/src/platform/installed-plugins.ts';
import { createRecordWriter } from '../../server/src/records/record-writer.ts';
import { ensureStorageIndexes } from '../../server/src/storage/storage-indexes.ts';
import { bigContractPack } from '../integration/support/big-contract-pack.ts';
import {
  formatMs,
  formatRatio,
  median,
  printHeader,
  printTable,
  verdictAtMost,
} from './lib/report.ts';

const RECORDS = Number(process.env.B10_RECORDS ?? 1000);
const ROUNDS = Number(process.env.B10_ROUNDS ?? 5);
const BATCH = 500;

interface RawPouch {
  bulkDocs(docs: readonly object[]): Promise<readonly { ok?: boolean; error?: string }[]>;
  close(): Promise<void>;
}
const runtimeRequire = createRequire(createRequire(import.meta.url).resolve('@tessera/runtime'));
const PouchDB = runtimeRequire('pouchdb') as new (path: string) => RawPouch;
const platform = createPlatform({ plugins: INSTALLED_PLUGINS });

async function ids(storage: PouchStorage) {
  const docs: Record<string, unknown>[] = [];
  for await (const doc of storage.dump()) docs.push(doc);
  return docs;
}

async function tesseraRound(dir: string, manifest: Record<string, unknown>) {
  const storage = await createPouchStorage({ kind: 'embedded', path: join(dir, 'tessera') });
  await ensureStorageIndexes(storage);
  const context: PackContext = {
    storage,
    now: Date.now,
    platform,
    writer: createRecordWriter({ storage, now: Date.now, platform }),
    sources: packSources(storage, join(dir, 'no-bundled-packs')),
    instanceId: 'bench',
    active: new Set(),
  };
  const packs = packService(context);
  const before = (await ids(storage)).map((doc) => String(doc._id)).sort();
  const source = {
    ref: { kind: 'uploaded' as const, name: 'contract', version: '1.0.0' },
    manifest,
  };
  const started = performance.now();
  const journal = await (await packs.installSource(source, { roles: {}, actor: 'bench' })).finished;
  const ms = performance.now() - started;
  if (journal.state !== 'installed')
    throw new Error(`B10: install ${journal.state}: ${journal.error?.message.en}`);
  const written = (await ids(storage)).filter((doc) => !before.includes(String(doc._id)));
  const records = written.filter((doc) => doc.type === 'record').length;
  if (records !== RECORDS) throw new Error(`B10: ${records} records installed, not ${RECORDS}`);
  await packs.uninstall('contract', 'remove', 'bench');
  const after = await ids(storage);
  const kept = after.filter(
    (doc) => !(doc.type === 'audit' && String(doc.action).startsWith('pack.')),
  );
  const restored =
    JSON.stringify(kept.map((doc) => String(doc._id)).sort()) === JSON.stringify(before);
  const packAudits = after.length - kept.length;
  await storage.close();
  return { ms, written, restored, packAudits };
}

async function rawRound(dir: string, docs: readonly Record<string, unknown>[]) {
  const db = new PouchDB(join(dir, 'raw'));
  const plain = docs.map(({ _rev, ...doc }) => doc);
  const started = performance.now();
  for (let i = 0; i < plain.length; i += BATCH) {
    const results = await db.bulkDocs(plain.slice(i, i + BATCH));
    const failed = results.find((one) => one.error);
    if (failed) throw new Error(`B10: raw bulkDocs refused a document: ${failed.error}`);
  }
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

printHeader(
  `B10 pack install: the contract pack with ${RECORDS.toLocaleString('en')} demo records`,
);
const manifest = await bigContractPack(RECORDS);
const rows: string[][] = [
  ['round', 'Tessera', 'raw bulkDocs', 'ratio', 'documents', 'uninstall restores'],
];
const ratios: number[] = [];
let allRestored = true;
// round 0 warms the code up (compiling the pack's expressions, the JIT) and is not counted
for (let round = 0; round <= ROUNDS; round++) {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-b10-'));
  try {
    const tessera = await tesseraRound(dir, manifest);
    // the journal and the install's audit entry are Tessera's own bookkeeping, not the pack's
    const same = tessera.written.filter(
      (doc) =>
        doc.type !== 'packinstall' &&
        !(doc.type === 'audit' && String(doc.action).startsWith('pack.')),
    );
    const raw = await rawRound(dir, same);
    if (round > 0) ratios.push(tessera.ms / raw);
    allRestored &&= tessera.restored;
    rows.push([
      round === 0 ? '0 (warm-up)' : String(round),
      formatMs(tessera.ms),
      formatMs(raw),
      formatRatio(tessera.ms / raw),
      String(same.length),
      tessera.restored ? `yes (+${tessera.packAudits} pack audit entries)` : 'NO',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
printTable(rows);
console.log(verdictAtMost('Tessera / raw bulkDocs (median of rounds)', median(ratios), 2));
console.log(
  `${allRestored ? 'PASS' : 'MISS'}  uninstall with "remove" restores the document set (every round)`,
);
