/**
 * B1 — submit API: records created per second through the real server.
 *
 * Tessera: `node --import tsx server/src/main.ts` (PORT=0, a temp DATA_DIR, embedded PouchDB),
 * pinned with `taskset -c 0`. The printed admin signs in, creates and publishes the example app
 * (server/src/web/example-pack.json minus the pack-only parts), creates a non-admin user
 * (platform role `user`) holding the app role `legal`, mapped to row scope `all` on `contract`,
 * and that user makes an API token. Load: `POST /api/apps/contracts/tables/contract/records`
 * with `Authorization: Bearer tsr_…` and valid values — auth, app-role check, validation through
 * core, computed fields, the write, the read-back and the audit entry.
 * Peer: a bare Hono route (lib/bare-server.ts, same core) doing `storage.create` of the same
 * record document shape on the same adapter, with no auth, validation or audit.
 * Load generator: autocannon, 50 connections, in a child process pinned with `taskset -c 1`,
 * a fixed number of requests per run (calibrated to ~10 s), so every request is answered
 * before counting. Rounds alternate peer/Tessera; medians are reported.
 * Targets: Tessera req/s ≥ 60% of the peer's; Tessera p99 ≤ 2× the peer's.
 *
 * Verified: one request on each side answers 201 before timing; afterwards, with the servers
 * stopped, the number of `record:` documents in each database equals the 201 answers (and for
 * Tessera also the count read back through the list API, cursor pages of 1000).
 *
 * Run: `node --import tsx test/bench/b1-submit-api.ts` (or `npm run bench -- b1`).
 * B1_ROUNDS and B1_SECONDS override the rounds (3) and the seconds per run (10).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadResult, runLoad, type Started, startPinned } from './lib/processes.ts';
import { formatMs, formatRatio, median, printHeader, printTable } from './lib/report.ts';
import { expect, http, setUpTessera } from './lib/tessera-api.ts';

const ROUNDS = Number(process.env.B1_ROUNDS ?? 3);
const SECONDS = Number(process.env.B1_SECONDS ?? 10);
const CONNECTIONS = 50;
const WARMUP_REQUESTS = 1000;
const TARGET_RATE = 0.6; // Tessera req/s ÷ peer req/s, at least
const TARGET_P99 = 2; // Tessera p99 ÷ peer p99, at most
const RECORDS_PATH = '/api/apps/contracts/tables/contract/records';
const BODY = JSON.stringify({
  values: { title: 'B1 contract', amount: '100.00', owner: 'zhang.wei' },
});

interface RawPouch {
  allDocs(options: Record<string, unknown>): Promise<{ rows: readonly unknown[] }>;
  close(): Promise<void>;
}
const runtimeRequire = createRequire(createRequire(import.meta.url).resolve('@tessera/runtime'));
const PouchDB = runtimeRequire('pouchdb') as new (name: string) => RawPouch;

/** `record:` documents in a closed embedded database. */
async function storedRecords(dataDir: string): Promise<number> {
  const db = new PouchDB(join(dataDir, 'pouchdb', 'tessera'));
  try {
    const all = await db.allDocs({ startkey: 'record:', endkey: 'record:\ufff0' });
    return all.rows.length;
  } finally {
    await db.close();
  }
}

/** Counts a table's records through the list API, cursor pages of 1000. */
async function listedRecords(base: string, authorization: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const query = `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await http(base, 'GET', RECORDS_PATH + query, undefined, { authorization });
    expect(page, 200, 'list');
    count += (page.json.items as unknown[]).length;
    cursor = page.json.next as string | undefined;
  } while (cursor);
  return count;
}

// ---------------------------------------------------------------------------------------------

printHeader('B1 submit API: POST a record, Tessera vs a bare Hono + PouchDB route');
const tesseraDir = await mkdtemp(join(tmpdir(), 'b1-tessera-'));
const peerDir = await mkdtemp(join(tmpdir(), 'b1-peer-'));
const started: Started[] = [];
try {
  const tessera = await startPinned('server/src/main.ts', { PORT: '0', DATA_DIR: tesseraDir }, 1);
  started.push(tessera);
  const peer = await startPinned('test/bench/lib/bare-server.ts', { PORT: '0', DATA_DIR: peerDir });
  started.push(peer);
  const { bearer } = await setUpTessera(tessera);

  const sides = {
    peer: { url: `${peer.url}/records`, headers: { 'content-type': 'application/json' } },
    tessera: {
      url: tessera.url + RECORDS_PATH,
      headers: { 'content-type': 'application/json', authorization: bearer },
    },
  } as const;
  type Side = keyof typeof sides;
  const ok: Record<Side, number> = { peer: 0, tessera: 0 };

  // Verification before timing: one valid request answers 201 on each side.
  for (const side of ['peer', 'tessera'] as const) {
    const answer = await fetch(sides[side].url, {
      method: 'POST',
      headers: sides[side].headers,
      body: BODY,
    });
    const json = (await answer.json()) as Record<string, unknown>;
    if (answer.status !== 201 || typeof (json.id ?? json._id) !== 'string') {
      throw new Error(`B1: ${side} answered ${answer.status} ${JSON.stringify(json)}`);
    }
    ok[side]++;
  }

  const load = (side: Side, amount: number) =>
    runLoad({
      url: sides[side].url,
      method: 'POST',
      headers: sides[side].headers,
      body: BODY,
      connections: CONNECTIONS,
      amount,
    });
  const account = (side: Side, result: LoadResult) => {
    ok[side] += result.ok;
    if (result.non2xx + result.errors + result.timeouts > 0) {
      throw new Error(`B1: ${side} had failures: ${JSON.stringify(result)}`);
    }
  };

  // Warm-up and calibration: a fixed request count per side, so each timed run lasts ~SECONDS.
  const amounts = {} as Record<Side, number>;
  for (const side of ['peer', 'tessera'] as const) {
    account(side, await load(side, WARMUP_REQUESTS)); // JIT, LevelDB caches
    const warm = await load(side, WARMUP_REQUESTS); // calibration
    account(side, warm);
    amounts[side] = Math.max(1000, Math.round(warm.reqPerSec * SECONDS));
    console.log(
      `warm-up ${side}: ${warm.reqPerSec.toFixed(0)} req/s → ${amounts[side]} requests per run`,
    );
  }

  const runs: Record<Side, LoadResult[]> = { peer: [], tessera: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order: Side[] = round % 2 === 1 ? ['peer', 'tessera'] : ['tessera', 'peer'];
    for (const side of order) {
      const result = await load(side, amounts[side]);
      account(side, result);
      runs[side].push(result);
      amounts[side] = Math.max(1000, Math.round(result.reqPerSec * SECONDS)); // recalibrated
      console.log(
        `round ${round} ${side.padEnd(7)} ${result.reqPerSec.toFixed(0)} req/s, p50 ${formatMs(result.p50)}, p99 ${formatMs(result.p99)} (${result.ok} × 201 in ${result.seconds.toFixed(1)} s)`,
      );
    }
  }

  // Verification after timing.
  const listed = await listedRecords(tessera.url, bearer);
  for (const server of started) await server.stop();
  const stored = { peer: await storedRecords(peerDir), tessera: await storedRecords(tesseraDir) };
  for (const side of ['peer', 'tessera'] as const) {
    if (stored[side] !== ok[side]) {
      throw new Error(`B1: ${side} stored ${stored[side]} records for ${ok[side]} answers 201`);
    }
  }
  if (listed !== ok.tessera) {
    throw new Error(`B1: the list API shows ${listed} records for ${ok.tessera} answers 201`);
  }
  console.log(
    `verified: peer stored ${stored.peer} = ${ok.peer} × 201; Tessera stored ${stored.tessera} = listed ${listed} = ${ok.tessera} × 201`,
  );

  const m = (side: Side, key: 'reqPerSec' | 'p50' | 'p99') => median(runs[side].map((r) => r[key]));
  console.log(`\nmedians of ${ROUNDS} round(s), ${CONNECTIONS} connections:`);
  printTable([
    ['side', 'req/s', 'p50', 'p99'],
    ...(['tessera', 'peer'] as const).map((side) => [
      side === 'peer' ? 'bare Hono + storage.create' : 'Tessera POST …/records',
      m(side, 'reqPerSec').toFixed(0),
      formatMs(m(side, 'p50')),
      formatMs(m(side, 'p99')),
    ]),
  ]);
  const rate = m('tessera', 'reqPerSec') / m('peer', 'reqPerSec');
  const p99 = m('tessera', 'p99') / m('peer', 'p99');
  console.log(
    `${rate >= TARGET_RATE ? 'PASS' : 'MISS'}  Tessera/peer req/s: ${formatRatio(rate)} (target ≥ ${formatRatio(TARGET_RATE)})`,
  );
  console.log(
    `${p99 <= TARGET_P99 ? 'PASS' : 'MISS'}  Tessera/peer p99: ${formatRatio(p99)} (target ≤ ${formatRatio(TARGET_P99)})`,
  );
} finally {
  for (const server of started) await server.stop();
  await rm(tesseraDir, { recursive: true, force: true });
  await rm(peerDir, { recursive: true, force: true });
}
