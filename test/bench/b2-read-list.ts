/**
 * B2 — read and list: get a record by id, and a filtered, sorted page, through the real server.
 *
 * Tessera: `node --import tsx server/src/main.ts` pinned with `taskset -c 0`, set up as in B1
 * (example app published, non-admin user with app role `legal` → row scope `all`, API token).
 * The server is then stopped and records are seeded straight through the storage port
 * (`createPouchStorage` embedded on its DATA_DIR, `storage.create`, 16 at a time), in the
 * document shape the records service writes (created by that user, app version 1). The closed
 * database is copied for the peer, so both sides read identical files.
 *   - get: `GET /api/apps/contracts/tables/contract/records/{id}`, ids taken in turn from 2,000
 *     seeded ids (auth, scope check, published version, view);
 *   - list: `GET …/records?limit=50`: the newest 50 of the table, served by the
 *     `records-by-table [type, app, table, createdAt]` index (row scope `all`).
 * Peer (lib/bare-server.ts with BARE_MODE=raw, same core): a bare Hono route doing raw PouchDB
 * `db.get(id)`, and raw pouchdb-find `db.find` with the same selector, sort, limit and index
 * (`use_index`), no auth, no scope, no view.
 * Load: autocannon, 10 connections, 5 s per run, pinned with `taskset -c 1`; rounds alternate.
 * Run at 1k records, then 99k more are seeded and it is run at 100k.
 * Targets (issue 3): list p50 ≤ 1.3× the peer's; get req/s ≥ 60% of the peer's; Tessera's p50
 * at 100k ≤ 2× its p50 at 1k (get and list); server RSS with 100k records < 400 MB.
 *
 * Verified before timing: one get answers the same values on both sides; the first list page
 * holds the same 50 ids, newest first, on both sides; every timed request answered 200.
 *
 * Run: `node --import tsx test/bench/b2-read-list.ts` (or `npm run bench -- b2`).
 * B2_ROUNDS (3), B2_SECONDS (5) and B2_LARGE (100000) override the defaults.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPouchStorage, newId } from '@tessera/runtime';
import { type LoadResult, rssMb, runLoad, type Started, startPinned } from './lib/processes.ts';
import { formatMs, formatRatio, median, printHeader, printTable } from './lib/report.ts';
import { http, setUpTessera } from './lib/tessera-api.ts';

const ROUNDS = Number(process.env.B2_ROUNDS ?? 3);
const SECONDS = Number(process.env.B2_SECONDS ?? 5);
const SMALL = 1_000;
const LARGE = Number(process.env.B2_LARGE ?? 100_000);
const CONCURRENCY = 16;
const CONNECTIONS = 10;
const GET_IDS = 2_000;
const LIMIT = 50;
const RECORDS_PATH = '/api/apps/contracts/tables/contract/records';
const TARGET_LIST_P50 = 1.3; // Tessera list p50 ÷ peer list p50, at most
const TARGET_GET_RATE = 0.6; // Tessera get req/s ÷ peer get req/s, at least
const TARGET_GROWTH = 2; // Tessera p50 at 100k ÷ at 1k, at most
const TARGET_RSS_MB = 400;

const BASE_TIME = Date.parse('2026-01-01T00:00:00.000Z');

/** Seeds records `from`..`to`-1 into the (closed) Tessera database; returns their ids. */
async function seed(dataDir: string, userId: string, from: number, to: number): Promise<string[]> {
  const storage = await createPouchStorage({
    kind: 'embedded',
    path: join(dataDir, 'pouchdb', 'tessera'),
  });
  const ids: string[] = [];
  const started = performance.now();
  try {
    for (let start = from; start < to; start += CONCURRENCY) {
      const batch: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(to, start + CONCURRENCY); i++) {
        const id = newId('record');
        ids.push(id);
        const at = new Date(BASE_TIME + i * 1000).toISOString();
        batch.push(
          storage.create({
            _id: id,
            type: 'record',
            schemaVersion: 1,
            app: 'contracts',
            table: 'contract',
            appVersion: 1,
            values: {
              title: `Contract ${i}`,
              amount: `${(i % 10_000) + 1}.00`,
              owner: 'zhang.wei',
            },
            createdAt: at,
            createdBy: userId,
            updatedAt: at,
            updatedBy: userId,
          }),
        );
      }
      await Promise.all(batch);
    }
  } finally {
    await storage.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${to - from} records in ${seconds.toFixed(1)} s (${((to - from) / seconds).toFixed(0)}/s)`,
  );
  return ids;
}

interface Sides {
  readonly tessera: Started;
  readonly peer: Started;
}
type Side = keyof Sides;
type Kind = 'get' | 'list';
type Runs = Record<Kind, Record<Side, LoadResult[]>>;

async function measure(
  sides: Sides,
  bearer: string,
  ids: readonly string[],
): Promise<{ runs: Runs; rss: number }> {
  const auth = { authorization: bearer };
  const path = (side: Side, kind: Kind) =>
    side === 'tessera'
      ? kind === 'get'
        ? ids.map((id) => `${RECORDS_PATH}/${id}`)
        : [`${RECORDS_PATH}?limit=${LIMIT}`]
      : kind === 'get'
        ? ids.map((id) => `/records/${id}`)
        : [`/records?limit=${LIMIT}`];

  // Verification before timing (also builds the index view on each side).
  const one = ids[ids.length >> 1]!;
  const t = await http(sides.tessera.url, 'GET', `${RECORDS_PATH}/${one}`, undefined, auth);
  const p = await http(sides.peer.url, 'GET', `/records/${one}`, undefined, {});
  if (
    t.status !== 200 ||
    p.status !== 200 ||
    JSON.stringify(t.json.values) !== JSON.stringify(p.json.values)
  ) {
    throw new Error(
      `B2: get ${one} differs: ${t.status} ${JSON.stringify(t.json)} / ${p.status} ${JSON.stringify(p.json)}`,
    );
  }
  const tl = await http(
    sides.tessera.url,
    'GET',
    `${RECORDS_PATH}?limit=${LIMIT}`,
    undefined,
    auth,
  );
  const pl = await http(sides.peer.url, 'GET', `/records?limit=${LIMIT}`, undefined, {});
  const tIds = ((tl.json.items ?? []) as { id: string }[]).map((r) => r.id);
  const pIds = ((pl.json.items ?? []) as { _id: string }[]).map((r) => r._id);
  if (
    tl.status !== 200 ||
    pl.status !== 200 ||
    tIds.length !== LIMIT ||
    tIds.join() !== pIds.join()
  ) {
    throw new Error(
      `B2: list pages differ: ${tl.status} ${JSON.stringify(tl.json).slice(0, 300)} / ${pl.status} ${JSON.stringify(pl.json).slice(0, 300)}`,
    );
  }
  if (tIds.join() !== [...tIds].sort().reverse().join())
    throw new Error('B2: list not newest first');

  const load = async (side: Side, kind: Kind, duration: number) => {
    const result = await runLoad({
      url: sides[side].url,
      headers: side === 'tessera' ? auth : {},
      connections: CONNECTIONS,
      duration,
      paths: path(side, kind),
    });
    if (result.non2xx + result.errors + result.timeouts > 0 || result.ok === 0) {
      throw new Error(`B2: ${side} ${kind} had failures: ${JSON.stringify(result)}`);
    }
    return result;
  };
  for (const kind of ['get', 'list'] as const)
    for (const side of ['peer', 'tessera'] as const) await load(side, kind, 1); // warm-up

  const runs: Runs = { get: { peer: [], tessera: [] }, list: { peer: [], tessera: [] } };
  for (let round = 1; round <= ROUNDS; round++) {
    const order: Side[] = round % 2 === 1 ? ['peer', 'tessera'] : ['tessera', 'peer'];
    for (const kind of ['get', 'list'] as const) {
      for (const side of order) {
        const result = await load(side, kind, SECONDS);
        runs[kind][side].push(result);
        console.log(
          `round ${round} ${kind.padEnd(4)} ${side.padEnd(7)} ${result.reqPerSec.toFixed(0)} req/s, p50 ${formatMs(result.p50)}, p99 ${formatMs(result.p99)}`,
        );
      }
    }
  }
  return { runs, rss: await rssMb(sides.tessera.child.pid!) };
}

// ---------------------------------------------------------------------------------------------

printHeader(`B2 read/list: get by id and a sorted page, Tessera vs bare Hono + raw PouchDB`);
const tesseraDir = await mkdtemp(join(tmpdir(), 'b2-tessera-'));
const peerDir = await mkdtemp(join(tmpdir(), 'b2-peer-'));
const running: Started[] = [];
const startTessera = async (linesAfterUrl: number) => {
  const server = await startPinned(
    'server/src/main.ts',
    { PORT: '0', DATA_DIR: tesseraDir },
    linesAfterUrl,
  );
  running.push(server);
  return server;
};
const startBoth = async (): Promise<Sides> => {
  await rm(join(peerDir, 'pouchdb'), { recursive: true, force: true });
  await cp(join(tesseraDir, 'pouchdb'), join(peerDir, 'pouchdb'), { recursive: true });
  const tessera = await startTessera(1);
  const peer = await startPinned('test/bench/lib/bare-server.ts', {
    PORT: '0',
    DATA_DIR: peerDir,
    BARE_MODE: 'raw',
  });
  running.push(peer);
  return { tessera, peer };
};
const stopAll = async () => {
  for (const server of running.splice(0)) await server.stop();
};

try {
  const first = await startTessera(1);
  const { bearer, userId } = await setUpTessera(first);
  await stopAll();

  const results: Record<string, { runs: Runs; rss: number }> = {};
  const ids = await seed(tesseraDir, userId, 0, SMALL);
  results.small = await measure(await startBoth(), bearer, ids);
  await stopAll();
  const more = await seed(tesseraDir, userId, SMALL, LARGE);
  // get ids spread over the whole table: every 50th of the large set
  const spread = more.filter((_, i) => i % Math.max(1, Math.floor(more.length / GET_IDS)) === 0);
  results.large = await measure(await startBoth(), bearer, spread.slice(0, GET_IDS));
  await stopAll();

  const m = (size: string, kind: Kind, side: Side, key: 'reqPerSec' | 'p50' | 'p99') =>
    median(results[size]!.runs[kind][side].map((r) => r[key]));
  console.log(`\nmedians of ${ROUNDS} round(s), ${CONNECTIONS} connections, ${SECONDS} s per run:`);
  const rows: string[][] = [['records', 'request', 'side', 'req/s', 'p50', 'p99']];
  for (const [size, count] of [
    ['small', SMALL],
    ['large', LARGE],
  ] as const)
    for (const kind of ['get', 'list'] as const)
      for (const side of ['tessera', 'peer'] as const)
        rows.push([
          count.toLocaleString('en'),
          kind === 'get' ? 'get by id' : `page of ${LIMIT}`,
          side === 'peer'
            ? kind === 'get'
              ? 'bare Hono + db.get'
              : 'bare Hono + db.find'
            : 'Tessera API',
          m(size, kind, side, 'reqPerSec').toFixed(0),
          formatMs(m(size, kind, side, 'p50')),
          formatMs(m(size, kind, side, 'p99')),
        ]);
  printTable(rows);
  const check = (ok: boolean, text: string) => console.log(`${ok ? 'PASS' : 'MISS'}  ${text}`);
  for (const [size, count] of [
    ['small', SMALL],
    ['large', LARGE],
  ] as const) {
    const list = m(size, 'list', 'tessera', 'p50') / m(size, 'list', 'peer', 'p50');
    const get = m(size, 'get', 'tessera', 'reqPerSec') / m(size, 'get', 'peer', 'reqPerSec');
    check(
      list <= TARGET_LIST_P50,
      `${count.toLocaleString('en')} records: list p50 Tessera/peer ${formatRatio(list)} (target ≤ ${formatRatio(TARGET_LIST_P50)})`,
    );
    check(
      get >= TARGET_GET_RATE,
      `${count.toLocaleString('en')} records: get req/s Tessera/peer ${formatRatio(get)} (target ≥ ${formatRatio(TARGET_GET_RATE)})`,
    );
  }
  for (const kind of ['get', 'list'] as const) {
    const growth = m('large', kind, 'tessera', 'p50') / m('small', kind, 'tessera', 'p50');
    check(
      growth <= TARGET_GROWTH,
      `${kind} p50 ${LARGE.toLocaleString('en')} vs ${SMALL.toLocaleString('en')} records: ${formatRatio(growth)} (target ≤ ${formatRatio(TARGET_GROWTH)})`,
    );
  }
  const rss = results.large!.rss;
  check(
    rss < TARGET_RSS_MB,
    `Tessera server RSS with ${LARGE.toLocaleString('en')} records, after the runs: ${rss.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB)`,
  );
} finally {
  await stopAll();
  await rm(tesseraDir, { recursive: true, force: true });
  await rm(peerDir, { recursive: true, force: true });
}
