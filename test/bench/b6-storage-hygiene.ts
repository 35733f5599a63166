/**
 * B6 — storage hygiene: disk use and update rate under repeated updates.
 *
 * 10,000 records, each updated 20 times (20 steps; each step updates every record once), on
 * embedded PouchDB (LevelDB), through:
 *   - Tessera's storage adapter: `createPouchStorage({ kind: 'embedded', path })` (default
 *     revsLimit 20); records created with `storage.create` (the port has no bulk create: 8
 *     concurrent creates), updated with `storage.mutate` (compare-and-swap), `storage.compact()`
 *     after the last step;
 *   - the same, compacting every 5 steps (its own row, no target);
 *   - raw PouchDB 9 (the very package the adapter loads), `new PouchDB(path, { revs_limit: 20 })`,
 *     records created with `bulkDocs` in batches of 1,000, updated with `get` + `put`, `compact()`
 *     after the last step.
 * Updates run 8 at a time on every side. The disk figure is the sum of the file sizes under the
 * run's directory after the database is closed.
 * Targets: Tessera disk ≤ 1.5× raw PouchDB; Tessera's step-20 update rate ≥ 80% of its step-1 rate.
 *
 * Each run is verified before anything is reported: the database is reopened after the disk
 * figure is taken, every record must hold counter 20 (a full read), and a sample of 500 random
 * ids must hold counter 20 with at most 20 remembered revisions, the current one alone available.
 *
 * Run: `node --import tsx test/bench/b6-storage-hygiene.ts` (or `npm run bench -- b6`).
 * B6_RECORDS and B6_ROUNDS override the record count and the rounds, for a quick try.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPouchStorage, newId } from '@tessera/runtime';
import {
  formatMs,
  formatRate,
  formatRatio,
  median,
  printHeader,
  printTable,
  verdict,
} from './lib/report.ts';

const RECORDS = Number(process.env.B6_RECORDS ?? 10_000);
const ROUNDS = Number(process.env.B6_ROUNDS ?? 3);
const STEPS = 20;
const CONCURRENCY = 8;
const BULK_BATCH = 1_000;
const REVS_LIMIT = 20; // the adapter's default, given to raw PouchDB as revs_limit
const COMPACT_EVERY = 5;
const SAMPLE = 500;
const REPORTED_STEPS = [1, 5, 10, 15, 20];
const TARGET_DISK = 1.5; // Tessera disk / raw disk, at most
const TARGET_STEP_RATIO = 0.8; // step-20 rate / step-1 rate, at least
const WARMUP_RECORDS = 500;
const WARMUP_STEPS = 3;

if (!Number.isInteger(RECORDS) || RECORDS < SAMPLE || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  throw new Error(`B6: B6_RECORDS must be ≥ ${SAMPLE} and B6_ROUNDS ≥ 1`);
}

// ---------------------------------------------------------------------------------------------
// Raw PouchDB: the copy @tessera/runtime depends on (the test package does not list pouchdb),
// loaded from the runtime's own resolution, so both sides run the same code on the same LevelDB.

interface RawDoc {
  _id: string;
  _rev?: string;
  counter: number;
  [field: string]: unknown;
}
interface RawPouch {
  get(id: string, options?: Record<string, unknown>): Promise<RawDoc & Record<string, unknown>>;
  put(doc: object): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: readonly object[]): Promise<readonly { ok?: boolean; error?: string }[]>;
  allDocs(
    options: Record<string, unknown>,
  ): Promise<{ rows: readonly { id: string; doc?: RawDoc }[] }>;
  compact(): Promise<unknown>;
  close(): Promise<void>;
}
type RawPouchConstructor = new (name: string, options: Record<string, unknown>) => RawPouch;

const runtimeRequire = createRequire(createRequire(import.meta.url).resolve('@tessera/runtime'));
const PouchDB = runtimeRequire('pouchdb') as RawPouchConstructor;
const pouchVersion = (runtimeRequire('pouchdb/package.json') as { version: string }).version;

/**
 * The LevelDB binding PouchDB itself uses, opened directly on a closed database for the
 * reference figures only (live bytes, size after a full LevelDB compaction), never for timing.
 */
interface LevelIterator {
  next(callback: (error: unknown, key?: Buffer, value?: Buffer) => void): void;
  end(callback: (error: unknown) => void): void;
}
interface LevelDown {
  open(callback: (error: unknown) => void): void;
  close(callback: (error: unknown) => void): void;
  iterator(options: Record<string, unknown>): LevelIterator;
  compactRange(start: Buffer, end: Buffer, callback: (error: unknown) => void): void;
}
const leveldown = createRequire(runtimeRequire.resolve('pouchdb'))('leveldown') as (
  path: string,
) => LevelDown;

// ---------------------------------------------------------------------------------------------
// Records: the same body on every side (a typical small form record), ids `record:<ulid>`.

interface BenchRecord {
  type: 'record';
  app: string;
  table: string;
  appVersion: number;
  counter: number;
  data: { title: string; amount: number; dept: string; note: string; updatedStep: number };
}

function newRecord(i: number): BenchRecord {
  return {
    type: 'record',
    app: 'bench',
    table: 'orders',
    appVersion: 1,
    counter: 0,
    data: {
      title: `Order ${String(i).padStart(5, '0')}`,
      amount: (i * 37) % 100_000,
      dept: ['市场部', '销售部', '研发部', '财务部'][i % 4]!,
      note: 'Deliver to the north warehouse; invoice monthly; contact the buyer before shipping.',
      updatedStep: 0,
    },
  };
}

/** One update: the counter and the step move, the amount changes, the rest stays. */
function applyStep<T extends BenchRecord>(doc: T, step: number): T {
  return {
    ...doc,
    counter: doc.counter + 1,
    data: { ...doc.data, amount: doc.data.amount + step, updatedStep: step },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/** Runs `work(i)` for i in [0, count) with `concurrency` workers pulling the next index. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** The sum of the sizes of every file under `dir`, recursively. */
async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySize(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** Calls a Node-style callback API and returns a promise of its result. */
function callback<T = void>(call: (done: (error: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    call((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}

/**
 * Reference figures for a closed database: the bytes of its live keys and values (what a
 * perfectly compacted store would hold before compression), then a full LevelDB compaction
 * (`compactRange` over every key), after which the directory holds no superseded data.
 */
async function levelReference(path: string): Promise<number> {
  const db = leveldown(path);
  await callback((done) => db.open(done));
  try {
    let live = 0;
    const iterator = db.iterator({ keyAsBuffer: true, valueAsBuffer: true });
    try {
      for (;;) {
        const [key, value] = await new Promise<[Buffer?, Buffer?]>((resolve, reject) =>
          iterator.next((error, k, v) => (error ? reject(error) : resolve([k, v]))),
        );
        if (key === undefined) break;
        live += key.length + (value?.length ?? 0);
      }
    } finally {
      await callback((done) => iterator.end(done));
    }
    await callback((done) => db.compactRange(Buffer.from([0]), Buffer.alloc(8, 0xff), done));
    return live;
  } finally {
    await callback((done) => db.close(done));
  }
}

const formatMb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` distinct indexes in [0, count), from a seeded generator. */
function sampleIndexes(count: number, size: number, seed: number): number[] {
  const random = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < size) picked.add(Math.floor(random() * count));
  return [...picked];
}

// ---------------------------------------------------------------------------------------------
// One run of one side: create, 20 update steps, compact, close, measure disk, reopen, verify.

type Side = 'raw' | 'tessera' | 'tessera-c5';

interface RunResult {
  readonly createMs: number;
  /** Updates per second of each step (index 0 = step 1). */
  readonly stepRates: number[];
  /** Milliseconds of every compaction, the final one last. */
  readonly compactMs: number[];
  /** Bytes under the run directory just before the final compaction (database open). */
  readonly diskBeforeCompact: number;
  /** Bytes under the run directory after the final compaction and close. */
  readonly disk: number;
  /** Bytes of live keys and values (uncompressed), read after verification. */
  readonly liveBytes: number;
  /** Bytes under the run directory after a full LevelDB compaction (reference, no target). */
  readonly diskFloor: number;
  /** The most revisions remembered by a sampled record. */
  readonly maxRevisions: number;
}

interface SideOps {
  /** Creates the records and returns their ids in creation order. */
  create(count: number): Promise<string[]>;
  update(id: string, step: number): Promise<void>;
  compact(): Promise<void>;
  close(): Promise<void>;
  /** Reopens the closed database, checks every record and the sample, closes; max revisions. */
  verify(ids: readonly string[], sample: readonly number[], steps: number): Promise<number>;
}

function fail(side: Side, message: string): never {
  throw new Error(`B6 ${side}: ${message}`);
}

async function openTessera(path: string, side: Side): Promise<SideOps> {
  const storage = await createPouchStorage({ kind: 'embedded', path });
  if (storage.revsLimit !== REVS_LIMIT) fail(side, `revsLimit is ${storage.revsLimit}`);
  return {
    async create(count) {
      const ids: string[] = new Array(count);
      await pool(count, CONCURRENCY, async (i) => {
        ids[i] = (await storage.create(newRecord(i))).id;
      });
      return ids;
    },
    async update(id, step) {
      const written = await storage.mutate<BenchRecord>(id, (current) => applyStep(current, step));
      if (!written) fail(side, `mutate of ${id} wrote nothing`);
    },
    compact: () => storage.compact(),
    close: () => storage.close(),
    async verify(ids, sample, steps) {
      const reopened = await createPouchStorage({ kind: 'embedded', path });
      try {
        let good = 0;
        await pool(ids.length, CONCURRENCY, async (i) => {
          const doc = await reopened.get<BenchRecord>(ids[i]!);
          if (doc?.counter === steps && doc.data.updatedStep === steps) good++;
        });
        if (good !== ids.length)
          fail(side, `${good} of ${ids.length} records hold counter ${steps}`);
        const count = await reopened.count();
        if (count !== ids.length) fail(side, `count() is ${count}, expected ${ids.length}`);
        let maxRevisions = 0;
        for (const i of sample) {
          const id = ids[i]!;
          const doc = await reopened.get<BenchRecord>(id);
          if (doc?.counter !== steps) fail(side, `sampled ${id} holds ${doc?.counter}`);
          const revisions = await reopened.revisions(id);
          if (revisions.length > REVS_LIMIT)
            fail(side, `${id} remembers ${revisions.length} revisions (revsLimit ${REVS_LIMIT})`);
          if (revisions[0]?.rev !== doc._rev) fail(side, `${id}: newest revision is not current`);
          const available = revisions.filter((r) => r.available).length;
          if (available !== 1) fail(side, `${id}: ${available} revision bodies after compaction`);
          maxRevisions = Math.max(maxRevisions, revisions.length);
        }
        return maxRevisions;
      } finally {
        await reopened.close();
      }
    },
  };
}

async function openRaw(path: string): Promise<SideOps> {
  const db = new PouchDB(path, { revs_limit: REVS_LIMIT });
  return {
    async create(count) {
      const ids: string[] = [];
      for (let start = 0; start < count; start += BULK_BATCH) {
        const docs: (BenchRecord & { _id: string })[] = [];
        for (let i = start; i < Math.min(count, start + BULK_BATCH); i++) {
          const id = newId('record');
          ids.push(id);
          docs.push({ _id: id, ...newRecord(i) });
        }
        const results = await db.bulkDocs(docs);
        const failed = results.filter((r) => r.ok !== true);
        if (failed.length > 0) fail('raw', `bulkDocs refused ${failed.length} documents`);
      }
      return ids;
    },
    async update(id, step) {
      const doc = (await db.get(id)) as RawDoc & BenchRecord;
      await db.put(applyStep(doc, step));
    },
    compact: async () => {
      await db.compact();
    },
    close: () => db.close(),
    async verify(ids, sample, steps) {
      const reopened = new PouchDB(path, { revs_limit: REVS_LIMIT });
      try {
        const { rows } = await reopened.allDocs({ include_docs: true });
        const data = rows.filter((row) => !row.id.startsWith('_design/'));
        const good = data.filter((row) => row.doc?.counter === steps).length;
        if (data.length !== ids.length || good !== ids.length)
          fail('raw', `${good} of ${data.length} documents (${ids.length} expected) hold ${steps}`);
        let maxRevisions = 0;
        for (const i of sample) {
          const id = ids[i]!;
          const doc = await reopened.get(id, { revs_info: true });
          if (doc.counter !== steps) fail('raw', `sampled ${id} holds ${doc.counter}`);
          const info = (doc._revs_info ?? []) as { rev: string; status: string }[];
          if (info.length > REVS_LIMIT)
            fail('raw', `${id} remembers ${info.length} revisions (revs_limit ${REVS_LIMIT})`);
          const available = info.filter((r) => r.status === 'available').length;
          if (available !== 1) fail('raw', `${id}: ${available} revision bodies after compaction`);
          maxRevisions = Math.max(maxRevisions, info.length);
        }
        return maxRevisions;
      } finally {
        await reopened.close();
      }
    },
  };
}

async function run(
  side: Side,
  records: number,
  steps: number,
  log: (line: string) => void,
): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), `tessera-b6-${side}-`));
  const path = join(dir, 'db');
  const compactEvery = side === 'tessera-c5' ? COMPACT_EVERY : 0;
  try {
    const ops = side === 'raw' ? await openRaw(path) : await openTessera(path, side);
    let start = performance.now();
    const ids = await ops.create(records);
    const createMs = performance.now() - start;
    const stepRates: number[] = [];
    const compactMs: number[] = [];
    for (let step = 1; step <= steps; step++) {
      start = performance.now();
      await pool(records, CONCURRENCY, (i) => ops.update(ids[i]!, step));
      stepRates.push(records / ((performance.now() - start) / 1000));
      if (compactEvery > 0 && step % compactEvery === 0 && step < steps) {
        start = performance.now();
        await ops.compact();
        compactMs.push(performance.now() - start);
      }
    }
    const diskBeforeCompact = await directorySize(dir);
    start = performance.now();
    await ops.compact();
    compactMs.push(performance.now() - start);
    await ops.close();
    const disk = await directorySize(dir);
    const sample = sampleIndexes(records, Math.min(SAMPLE, records), records + steps);
    const maxRevisions = await ops.verify(ids, sample, steps);
    const liveBytes = await levelReference(path);
    const diskFloor = await directorySize(dir);
    const result: RunResult = {
      createMs,
      stepRates,
      compactMs,
      diskBeforeCompact,
      disk,
      liveBytes,
      diskFloor,
      maxRevisions,
    };
    const shownSteps = REPORTED_STEPS.filter((s) => s <= steps)
      .map((s) => `${s}: ${formatRate(stepRates[s - 1]!)}`)
      .join(', ');
    log(
      `${side.padEnd(10)} create ${formatMs(createMs)}; steps ${shownSteps}; ` +
        `compact ${compactMs.map(formatMs).join(' + ')}; ` +
        `disk ${formatMb(diskBeforeCompact)} → ${formatMb(disk)}; verified; ` +
        `live ${formatMb(liveBytes)}, fully compacted ${formatMb(diskFloor)}`,
    );
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

printHeader('B6 storage hygiene: repeated updates on embedded PouchDB (LevelDB)');
console.log(
  `records: ${RECORDS.toLocaleString('en')}${RECORDS === 10_000 ? '' : ' (B6_RECORDS; the headline is 10,000)'}, ` +
    `${STEPS} update steps (every record once per step), ${CONCURRENCY} concurrent operations, ` +
    `revs limit ${REVS_LIMIT}, pouchdb ${pouchVersion}`,
);
console.log(
  `sides: raw (bulkDocs ×${BULK_BATCH.toLocaleString('en')}, get + put, compact at end), ` +
    `tessera (create, mutate, compact at end), tessera-c5 (compact every ${COMPACT_EVERY} steps, no target)`,
);
console.log(`rounds: ${ROUNDS} after a warm-up, sides alternate (raw, tessera, tessera-c5)`);

const started = performance.now();
const sides: Side[] = ['raw', 'tessera', 'tessera-c5'];
for (const side of sides) await run(side, WARMUP_RECORDS, WARMUP_STEPS, () => {});

const results: Record<Side, RunResult[]> = { raw: [], tessera: [], 'tessera-c5': [] };
for (let round = 1; round <= ROUNDS; round++) {
  for (const side of sides) {
    results[side].push(
      await run(side, RECORDS, STEPS, (line) => console.log(`round ${round}: ${line}`)),
    );
  }
}

const revisionsSeen = sides.map((s) => Math.max(...results[s].map((r) => r.maxRevisions)));
console.log(
  `verified: every record holds counter ${STEPS} on every side and round (full read after reopening); ` +
    `${SAMPLE} sampled ids remember at most ${Math.max(...revisionsSeen)} revisions ` +
    `(limit ${REVS_LIMIT}), only the current body kept after compaction`,
);

const stepRatio = (r: RunResult) => r.stepRates[STEPS - 1]! / r.stepRates[0]!;
const meanRate = (r: RunResult) => r.stepRates.reduce((a, b) => a + b, 0) / r.stepRates.length;
const compactTotal = (r: RunResult) => r.compactMs.reduce((a, b) => a + b, 0);
/** Per round, a side's figure over raw PouchDB's figure of the same round. */
const vsRaw = (side: Side, pick: (r: RunResult) => number) =>
  results[side].map((r, i) => pick(r) / pick(results.raw[i]!));
const med = (side: Side, pick: (r: RunResult) => number) => median(results[side].map(pick));
const percent = (v: number) => `${(v * 100).toFixed(0)}%`;
const withRange = (values: number[], format: (v: number) => string) =>
  values.length > 1
    ? `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`
    : format(median(values));

console.log('');
console.log('update rates, median of rounds (range of rounds in brackets):');
printTable([
  [
    'side',
    'create',
    ...REPORTED_STEPS.map((s) => `step ${s}`),
    'step 20 / step 1',
    'mean of 20 steps',
  ],
  ...sides.map((side) => [
    side,
    formatRate(RECORDS / (med(side, (r) => r.createMs) / 1000)),
    ...REPORTED_STEPS.map((s) => formatRate(med(side, (r) => r.stepRates[s - 1]!))),
    withRange(results[side].map(stepRatio), percent),
    formatRate(med(side, meanRate)),
  ]),
]);
for (const side of sides) {
  const steps = Array.from({ length: STEPS }, (_, s) =>
    (med(side, (r) => r.stepRates[s]!) / 1000).toFixed(1),
  );
  console.log(`${side.padEnd(10)} every step (k/s): ${steps.join(' ')}`);
}

console.log('');
console.log('disk (sum of file sizes under the database directory), median of rounds:');
printTable([
  [
    'side',
    'before final compact',
    'compaction time',
    'after compact + close',
    '÷ raw',
    'live keys + values',
    'after full LevelDB compaction',
    '÷ raw',
  ],
  ...sides.map((side) => [
    side,
    formatMb(med(side, (r) => r.diskBeforeCompact)),
    formatMs(med(side, compactTotal)),
    formatMb(med(side, (r) => r.disk)),
    side === 'raw'
      ? '—'
      : withRange(
          vsRaw(side, (r) => r.disk),
          formatRatio,
        ),
    formatMb(med(side, (r) => r.liveBytes)),
    formatMb(med(side, (r) => r.diskFloor)),
    side === 'raw'
      ? '—'
      : withRange(
          vsRaw(side, (r) => r.diskFloor),
          formatRatio,
        ),
  ]),
]);
console.log(
  '(live bytes and the full LevelDB compaction are reference figures taken after verification; ' +
    'the target is read on "after compact + close")',
);

console.log('');
const diskRatio = median(vsRaw('tessera', (r) => r.disk));
console.log(
  `${diskRatio <= TARGET_DISK ? 'PASS' : 'MISS'}  tessera disk / raw PouchDB disk: ` +
    `${formatRatio(diskRatio)} (target ≤ ${formatRatio(TARGET_DISK)})`,
);
console.log(
  verdict(
    'tessera update rate step 20 / step 1',
    med('tessera', stepRatio),
    TARGET_STEP_RATIO,
    percent,
  ),
);
console.log(`run time: ${formatMs(performance.now() - started)}`);
