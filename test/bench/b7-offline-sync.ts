/**
 * B7 — offline sync: 5,000 submissions made offline in Chromium, then synced, against PouchDB's
 * own replication of the same documents to pouchdb-server.
 *
 * Tessera: `server/src/main.ts` (PORT=0, a temp DATA_DIR, embedded PouchDB) pinned with
 * `taskset -c 0`; the printed admin publishes a small master-table app (text, number, money,
 * date fields; one table per round) and makes a user with the app role mapped to every table.
 * Peer: pouchdb-server 4.2 `--in-memory` on loopback from an empty scratch cwd, also on core 0.
 * Browser: Debian's Chromium (playwright-core, a persistent profile on a temp dir, so IndexedDB
 * is on disk as for a person). The page is an esbuild bundle of the web app's real offline
 * modules (web/src/offline/offline-db.ts, sync-engine.ts, web/src/api/api-client.ts) and
 * pouchdb-browser, served by a small static server in this process that also reverse-proxies
 * `/api/*` to Tessera and `/couch/*` to pouchdb-server, so the page is same-origin with both
 * (the same proxy hop on both sides). The page signs in with the password (session cookie and
 * CSRF token), as the app does.
 *
 * A round, Tessera: a fresh offline store (`openOfflineStore`); `context.setOffline(true)`;
 * 5,000 `store.queue({ kind: 'create', … })` one after another; online; `engine.sync()` timed
 * until it returns with the outbox empty. Peer: the same 5,000 values as plain documents `put`
 * one after another into a fresh browser PouchDB while offline; online; `replicate.to(remote)`
 * timed. Only the sync/replication phase is compared; rounds alternate; medians reported.
 * Target: Tessera docs/s ≥ 80% of the peer's.
 *
 * Cut and resume (no target figure, pass/fail): (a) the proxy cuts the connection of the second
 * push (after the first batch landed), the sync fails; then offline, a sync fails; online, a
 * sync finishes. (b) the proxy forwards the third push to Tessera and drops its answer (the
 * server applied it, the browser never heard), the sync fails; a second sync resends it.
 * Each: 0 duplicates and 0 lost (the table holds exactly the 5,000 distinct `ref`s, values as
 * sent), the outbox and conflict list empty.
 *
 * Run: `node --import tsx test/bench/b7-offline-sync.ts` (or `npm run bench -- b7`).
 * B7_N and B7_ROUNDS override the submissions per round (5000) and the rounds (3).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PUSH_BATCH } from '../../web/src/offline/sync-engine.ts';
import { valuesOf } from './lib/b7-values.ts';
import { ROOT, type Started, startPinned } from './lib/processes.ts';
import {
  formatMs,
  formatRate,
  formatRatio,
  median,
  printHeader,
  printTable,
} from './lib/report.ts';
import { expect, http, tokenFor } from './lib/tessera-api.ts';

const N = Number(process.env.B7_N ?? 5000);
const ROUNDS = Number(process.env.B7_ROUNDS ?? 3);
const WARMUP_N = Math.min(N, 500);
const TARGET = 0.8; // Tessera docs/s ÷ peer docs/s, at least
const APP = 'b7';
const PASSWORD = 'bench-Password-2026';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Round numbers used in the values (and table names): warm-up 0, timed 1…R, cut 91, lost 92. */
const CUT_ROUND = 91;
const LOST_ROUND = 92;
/** Where the server's time goes, from Node without a browser: 93 push, 94 keyed POST, 95 plain. */
const DIAG_N = 500;
const DIAG_ROUNDS = [93, 94, 95] as const;
const tableOf = (round: number) => `subs_${round}`;
const allRounds = [
  0,
  ...Array.from({ length: ROUNDS }, (_, i) => i + 1),
  CUT_ROUND,
  LOST_ROUND,
  ...DIAG_ROUNDS,
];

// --- the page bundle ---------------------------------------------------------------------------

interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
}
const esbuild = createRequire(createRequire(import.meta.url).resolve('@web/dev-server-esbuild'))(
  'esbuild',
) as EsbuildApi;

async function bundlePage(): Promise<string> {
  const built = await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'bench', 'lib', 'b7-page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { global: 'globalThis' },
    // pouchdb-browser needs `events`, installed for the web package: resolve bare imports there
    nodePaths: [join(ROOT, 'web', 'node_modules')],
    tsconfig: join(ROOT, 'web', 'tsconfig.json'),
    logLevel: 'warning',
  });
  return built.outputFiles[0]!.text;
}

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>B7</title><script type="module" src="/b7.js"></script>';

// --- the static server and reverse proxy -------------------------------------------------------

type CutMode = 'refuse' | 'drop-answer';
interface ProxyLog {
  pushes: number;
  /** ms from a push request's arrival to the end of Tessera's answer. */
  pushMs: number[];
  pullMs: number[];
  couchRequests: number;
  couchMs: Map<string, number[]>;
  cut: { at: number; mode: CutMode; hits: number } | undefined;
}
const log: ProxyLog = {
  pushes: 0,
  pushMs: [],
  pullMs: [],
  couchRequests: 0,
  couchMs: new Map(),
  cut: undefined,
};
function resetLog() {
  log.pushes = 0;
  log.pushMs = [];
  log.pullMs = [];
  log.couchRequests = 0;
  log.couchMs = new Map();
}

function startProxy(tessera: URL, couch: URL, bundle: string): Promise<Server> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    target: URL,
    path: string,
    done: (ms: number) => void,
    dropAnswer = false,
  ) => {
    const start = performance.now();
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers: req.headers, // Host and Origin as the browser sent them: same-origin for Tessera
        agent,
      },
      (answer) => {
        if (dropAnswer) {
          answer.resume();
          answer.once('end', () => {
            done(performance.now() - start);
            req.socket.destroy(); // the server applied it; the browser never hears
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', () => done(performance.now() - start));
      },
    );
    upstream.once('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    req.pipe(upstream);
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      if (url === '/api/sync/push' && req.method === 'POST') {
        log.pushes++;
        const cut = log.cut;
        // from push `at` on until lifted (Chromium itself resends a POST once when a kept-alive
        // connection closes without an answer, so one cut request alone is not a cut)
        if (cut && log.pushes >= cut.at) {
          cut.hits++;
          if (cut.mode === 'refuse') {
            req.socket.destroy(); // the connection is cut before the server sees the request
            return;
          }
          forward(req, res, tessera, url, (ms) => log.pushMs.push(ms), true);
          return;
        }
        forward(req, res, tessera, url, (ms) => log.pushMs.push(ms));
        return;
      }
      forward(req, res, tessera, url, (ms) => {
        if (url === '/api/sync/pull') log.pullMs.push(ms);
      });
      return;
    }
    if (url.startsWith('/couch/')) {
      log.couchRequests++;
      const path = url.slice('/couch'.length);
      const kind = `${req.method} ${/\/(_[a-z_]+)/.exec(path)?.[1] ?? 'db'}`;
      forward(req, res, couch, path, (ms) => {
        const list = log.couchMs.get(kind) ?? [];
        list.push(ms);
        log.couchMs.set(kind, list);
      });
      return;
    }
    if (url === '/b7.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
      return;
    }
    if (url === '/' || url.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// --- pouchdb-server ----------------------------------------------------------------------------

async function startPouchServer(cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(ROOT, 'test', 'node_modules', '.bin', 'pouchdb-server');
  const probe = createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    }),
  );
  const args = ['-c', '0', bin, '--in-memory', '--host', '127.0.0.1', '--port', String(port)];
  const child = spawn('taskset', args, { cwd, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('pouchdb-server did not start in 90 s');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(
    () => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'),
    5000,
  );
  await exited;
  clearTimeout(timer);
}

// --- Tessera set-up and checks -----------------------------------------------------------------

function appDefinition() {
  const fields = [
    { id: 'ref', type: 'text', label: 'Reference', required: true, config: { maxLength: 40 } },
    { id: 'title', type: 'text', label: 'Title', required: true, config: { maxLength: 100 } },
    { id: 'qty', type: 'number', label: 'Quantity' },
    { id: 'amount', type: 'money', label: 'Amount', config: { currency: 'CNY', scale: 2 } },
    { id: 'day', type: 'date', label: 'Day' },
  ];
  return {
    schemaVersion: 1,
    id: APP,
    label: 'B7 offline submissions',
    roles: [{ id: 'clerk', label: 'Clerk' }],
    tables: allRounds.map((round) => ({
      id: tableOf(round),
      kind: 'master',
      label: `Submissions ${round}`,
      titleField: 'title',
      fields,
    })),
    forms: [],
    flows: [],
    views: [],
  };
}

/** Publishes the app; makes `b7.user` (platform role user) with app role clerk on every table. */
async function setUp(server: Started): Promise<string> {
  const base = server.url;
  const password = /Admin login: admin \/ (\S+)/.exec(server.lines.join('\n'))?.[1];
  if (!password) throw new Error(`B7: no admin password in ${server.lines.join(' | ')}`);
  const admin = { authorization: await tokenFor(base, 'admin', password) };
  expect(await http(base, 'POST', '/api/apps', appDefinition(), admin), 201, 'create app');
  expect(await http(base, 'POST', `/api/apps/${APP}/publish`, {}, admin), 201, 'publish');
  const user = await http(
    base,
    'POST',
    '/api/users',
    { username: 'b7.user', password: PASSWORD, roles: ['user'] },
    admin,
  );
  expect(user, 201, 'create user');
  const userId = String((user.json.user as { id?: string } | undefined)?.id ?? user.json.id);
  const rows = Object.fromEntries(allRounds.map((round) => [tableOf(round), { clerk: 'all' }]));
  const mapped = await http(
    base,
    'PUT',
    `/api/apps/${APP}/roles`,
    { roles: { clerk: { users: [userId] } }, rows },
    admin,
  );
  expect(mapped, 200, 'map app role');
  return tokenFor(base, 'b7.user', PASSWORD);
}

/** Reads a table through the list API (pages of 1000) and checks it holds each submission once. */
async function verifyTable(base: string, bearer: string, round: number, n: number) {
  const path = `/api/apps/${APP}/tables/${tableOf(round)}/records`;
  const refs = new Map<string, number>();
  let records = 0;
  let cursor: string | undefined;
  do {
    const query = `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await http(base, 'GET', path + query, undefined, { authorization: bearer });
    expect(page, 200, 'list');
    for (const item of page.json.items as { values: Record<string, unknown> }[]) {
      records++;
      const ref = String(item.values.ref);
      refs.set(ref, (refs.get(ref) ?? 0) + 1);
      const i = Number(ref.split('-')[2]);
      const sent = valuesOf(round, i);
      for (const key of ['title', 'qty', 'amount', 'day'] as const) {
        if (String(item.values[key]) !== String(sent[key])) {
          throw new Error(
            `B7: ${ref}.${key} is ${String(item.values[key])}, sent ${String(sent[key])}`,
          );
        }
      }
    }
    cursor = page.json.next as string | undefined;
  } while (cursor);
  const duplicates = [...refs.values()].reduce((sum, count) => sum + count - 1, 0);
  let lost = 0;
  for (let i = 0; i < n; i++) if (!refs.has(`b7-${round}-${i}`)) lost++;
  const stray = [...refs.keys()].filter((ref) => !ref.startsWith(`b7-${round}-`)).length;
  return { records, distinct: refs.size, duplicates, lost, stray };
}

/**
 * The server alone, from Node: DIAG_N creates as sync pushes of PUSH_BATCH, as sequential
 * `POST …/records` with an Idempotency-Key (the keyed path a push takes), and without one.
 * Returns ms per record for each.
 */
async function serverOnly(base: string, bearer: string) {
  const headers = { authorization: bearer };
  const [pushRound, keyedRound, plainRound] = DIAG_ROUNDS;
  let start = performance.now();
  for (let first = 0; first < DIAG_N; first += PUSH_BATCH) {
    const commands = Array.from({ length: Math.min(PUSH_BATCH, DIAG_N - first) }, (_, k) => ({
      id: crypto.randomUUID(),
      kind: 'create',
      app: APP,
      table: tableOf(pushRound),
      values: valuesOf(pushRound, first + k),
    }));
    const answer = await http(base, 'POST', '/api/sync/push', { commands }, headers);
    expect(answer, 200, 'push');
  }
  const push = (performance.now() - start) / DIAG_N;
  const pull = async () => {
    const begin = performance.now();
    expect(await http(base, 'POST', '/api/sync/pull', { known: {} }, headers), 200, 'pull');
    return performance.now() - begin;
  };
  const pullAfterPush = await pull(); // its inbox queries first bring the indexes up to date
  const pullAgain = await pull();
  const post = async (round: number, keyed: boolean) => {
    const path = `/api/apps/${APP}/tables/${tableOf(round)}/records`;
    const begin = performance.now();
    for (let i = 0; i < DIAG_N; i++) {
      const key: Record<string, string> = keyed ? { 'idempotency-key': crypto.randomUUID() } : {};
      const answer = await http(
        base,
        'POST',
        path,
        { values: valuesOf(round, i) },
        { ...headers, ...key },
      );
      expect(answer, 201, 'create');
    }
    return (performance.now() - begin) / DIAG_N;
  };
  start = performance.now();
  const keyed = await post(keyedRound, true);
  const plain = await post(plainRound, false);
  for (const round of DIAG_ROUNDS) {
    const checked = await verifyTable(base, bearer, round, DIAG_N);
    if (checked.records !== DIAG_N || checked.duplicates + checked.lost > 0) {
      throw new Error(`B7: server-only table ${round}: ${JSON.stringify(checked)}`);
    }
  }
  return { push, keyed, plain, pullAfterPush, pullAgain };
}

// --- the run -----------------------------------------------------------------------------------

interface SyncAnswer {
  ms: number;
  pending: number;
  conflicts: number;
  profile: Record<string, number>;
  error?: string;
}

printHeader('B7 offline sync: 5,000 offline submissions synced vs PouchDB replication');
console.log(`submissions per round: ${N}; rounds: ${ROUNDS} per side, alternating`);
const dataDir = await mkdtemp(join(tmpdir(), 'b7-tessera-'));
const couchDir = await mkdtemp(join(tmpdir(), 'b7-couch-'));
const profileDir = await mkdtemp(join(tmpdir(), 'b7-chromium-'));
let tessera: Started | undefined;
let couch: ChildProcess | undefined;
let proxy: Server | undefined;
let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
try {
  tessera = await startPinned('server/src/main.ts', { PORT: '0', DATA_DIR: dataDir }, 1);
  const pouch = await startPouchServer(couchDir);
  couch = pouch.child;
  const bearer = await setUp(tessera);
  const bundle = await bundlePage();
  console.log(`page bundle: ${(bundle.length / 1024).toFixed(0)} KB`);
  proxy = await startProxy(new URL(tessera.url), new URL(pouch.url), bundle);
  const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'b7' in globalThis);
  await page.evaluate(([u, p]) => window.b7.signIn(u!, p!), ['b7.user', PASSWORD]);
  const ctx = context;

  const tesseraRound = async (round: number, n: number, label: string) => {
    const table = tableOf(round);
    await page.evaluate((name) => window.b7.openTessera(name), `b7.user-${label}`);
    await ctx.setOffline(true);
    const queueMs = await page.evaluate(
      ([r, count, app, t]) =>
        window.b7.queue(r as number, count as number, app as string, t as string),
      [round, n, APP, table] as const,
    );
    const outboxRead = await page.evaluate(() => window.b7.readOutbox());
    await ctx.setOffline(false);
    resetLog();
    const synced: SyncAnswer = await page.evaluate(() => window.b7.sync());
    if (synced.error || synced.pending !== 0 || synced.conflicts !== 0) {
      throw new Error(`B7: sync of round ${label} ended with ${JSON.stringify(synced)}`);
    }
    const emptied = await page.evaluate(() => window.b7.readOutbox()); // over the tombstones
    const pushes = [...log.pushMs];
    const pullMs = log.pullMs[0] ?? 0;
    const checked = await verifyTable(tessera!.url, bearer, round, n);
    if (checked.records !== n || checked.duplicates + checked.lost + checked.stray > 0) {
      throw new Error(`B7: round ${label}: ${JSON.stringify(checked)}`);
    }
    return {
      queueMs,
      outboxRead,
      emptied,
      syncMs: synced.ms,
      pushes,
      pullMs,
      checked,
      profile: synced.profile,
    };
  };

  const peerRound = async (round: number, n: number, label: string) => {
    const remote = `bench-${label}`;
    const made = await fetch(`${pouch.url}/${remote}`, { method: 'PUT' });
    if (made.status !== 201) throw new Error(`B7: create ${remote}: ${made.status}`);
    await ctx.setOffline(true);
    const writeMs = await page.evaluate(
      ([name, r, count]) => window.b7.peerWrite(name as string, r as number, count as number),
      [`peer-${label}`, round, n] as const,
    );
    await ctx.setOffline(false);
    resetLog();
    const replicated = await page.evaluate(
      (url) => window.b7.peerReplicate(url),
      `/couch/${remote}`,
    );
    const couchMs = new Map(log.couchMs);
    const requests = log.couchRequests;
    const info = (await (await fetch(`${pouch.url}/${remote}`)).json()) as { doc_count: number };
    if (replicated.written !== n || info.doc_count !== n) {
      throw new Error(
        `B7: peer ${label} wrote ${replicated.written}, holds ${info.doc_count} of ${n}`,
      );
    }
    return { writeMs, syncMs: replicated.ms, couchMs, requests };
  };

  // warm-up: JIT, caches, the first IndexedDB databases
  const warmT = await tesseraRound(0, WARMUP_N, 'warm');
  const warmP = await peerRound(0, WARMUP_N, 'warm');
  console.log(
    `warm-up (${WARMUP_N}): Tessera sync ${formatMs(warmT.syncMs)}, peer replicate ${formatMs(warmP.syncMs)}`,
  );

  const t: Awaited<ReturnType<typeof tesseraRound>>[] = [];
  const p: Awaited<ReturnType<typeof peerRound>>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? (['tessera', 'peer'] as const) : (['peer', 'tessera'] as const);
    for (const side of order) {
      const load = loadavg()[0]!.toFixed(2);
      if (side === 'tessera') {
        const r = await tesseraRound(round, N, `r${round}`);
        t.push(r);
        const pushSum = r.pushes.reduce((a, b) => a + b, 0);
        console.log(
          `round ${round} tessera: queue ${formatMs(r.queueMs)} (${formatRate((N / r.queueMs) * 1000)}), sync ${formatMs(r.syncMs)} = ${formatRate((N / r.syncMs) * 1000, ' docs/s')}; ${r.pushes.length} pushes, server+proxy ${formatMs(pushSum)} (median ${formatMs(median(r.pushes))}/batch), pull ${formatMs(r.pullMs)}, browser ${formatMs(r.syncMs - pushSum - r.pullMs)}; at ${r.outboxRead.size} queued, read all ${formatMs(r.outboxRead.ms)}, count ${formatMs(r.outboxRead.countMs)}, read 100 ${formatMs(r.outboxRead.batchMs)}; emptied: read all ${formatMs(r.emptied.ms)}, count ${formatMs(r.emptied.countMs)}; verified ${r.checked.distinct} distinct; load ${load}`,
        );
        const spent = Object.entries(r.profile)
          .map(([name, ms]) => `${name} ${formatMs(ms)}`)
          .join(', ');
        console.log(
          `  in the page during sync (overlapping: api.sync.push holds the pushes): ${spent}`,
        );
      } else {
        const r = await peerRound(round, N, `r${round}`);
        p.push(r);
        const parts = [...r.couchMs.entries()]
          .map(
            ([kind, list]) =>
              `${kind} ${list.length}× ${formatMs(list.reduce((a, b) => a + b, 0))}`,
          )
          .join(', ');
        console.log(
          `round ${round} peer:    put ${formatMs(r.writeMs)} (${formatRate((N / r.writeMs) * 1000)}), replicate ${formatMs(r.syncMs)} = ${formatRate((N / r.syncMs) * 1000, ' docs/s')}; ${r.requests} requests: ${parts}; load ${load}`,
        );
      }
    }
  }

  // cut and resume (a): the connection is cut on the second push, after the first batch landed
  const cutResults: string[][] = [];
  {
    const table = tableOf(CUT_ROUND);
    await page.evaluate((name) => window.b7.openTessera(name), 'b7.user-cut');
    await ctx.setOffline(true);
    await page.evaluate(
      ([r, count, app, tb]) =>
        window.b7.queue(r as number, count as number, app as string, tb as string),
      [CUT_ROUND, N, APP, table] as const,
    );
    await ctx.setOffline(false);
    resetLog();
    log.cut = { at: 2, mode: 'refuse', hits: 0 };
    const first: SyncAnswer = await page.evaluate(() => window.b7.sync());
    await ctx.setOffline(true);
    const offline: SyncAnswer = await page.evaluate(() => window.b7.sync());
    await ctx.setOffline(false);
    const refused = log.cut.hits;
    log.cut = undefined;
    const resumed: SyncAnswer = await page.evaluate(() => window.b7.sync());
    const checked = await verifyTable(tessera.url, bearer, CUT_ROUND, N);
    const ok =
      first.error !== undefined &&
      first.pending === N - PUSH_BATCH &&
      offline.error !== undefined &&
      offline.pending === N - PUSH_BATCH &&
      resumed.error === undefined &&
      resumed.pending === 0 &&
      resumed.conflicts === 0 &&
      checked.records === N &&
      checked.duplicates + checked.lost + checked.stray === 0;
    console.log(
      `cut from push 2 on (${refused} requests refused): first sync failed (${first.error}) with ${first.pending} queued; offline sync failed (${offline.error}) with ${offline.pending}; resumed: ${resumed.pending} queued, ${resumed.conflicts} conflicts; server: ${checked.records} records, ${checked.distinct} distinct, ${checked.duplicates} duplicates, ${checked.lost} lost`,
    );
    cutResults.push([
      'connection cut from push 2, then offline, then back',
      `${first.pending} → ${offline.pending} → ${resumed.pending}`,
      String(checked.records),
      String(checked.duplicates),
      String(checked.lost),
      ok ? 'PASS' : 'FAIL',
    ]);
    if (!ok)
      throw new Error(
        `B7: cut and resume failed: ${JSON.stringify({ first, offline, resumed, checked })}`,
      );
  }

  // cut and resume (b): push 3 reaches the server, which applies it, but its answer is lost
  {
    const table = tableOf(LOST_ROUND);
    await page.evaluate((name) => window.b7.openTessera(name), 'b7.user-lost');
    await ctx.setOffline(true);
    await page.evaluate(
      ([r, count, app, tb]) =>
        window.b7.queue(r as number, count as number, app as string, tb as string),
      [LOST_ROUND, N, APP, table] as const,
    );
    await ctx.setOffline(false);
    resetLog();
    log.cut = { at: 3, mode: 'drop-answer', hits: 0 };
    const first: SyncAnswer = await page.evaluate(() => window.b7.sync());
    const applied = await verifyTable(tessera.url, bearer, LOST_ROUND, N);
    const dropped = log.cut.hits;
    log.cut = undefined;
    const resumed: SyncAnswer = await page.evaluate(() => window.b7.sync());
    const checked = await verifyTable(tessera.url, bearer, LOST_ROUND, N);
    const ok =
      first.error !== undefined &&
      first.pending === N - 2 * PUSH_BATCH &&
      applied.records === 3 * PUSH_BATCH &&
      resumed.error === undefined &&
      resumed.pending === 0 &&
      resumed.conflicts === 0 &&
      checked.records === N &&
      checked.duplicates + checked.lost + checked.stray === 0;
    console.log(
      `answers lost from push 3 on (${dropped} requests applied, answers dropped): first sync failed (${first.error}) with ${first.pending} queued while the server held ${applied.records}; resent: ${resumed.pending} queued, ${resumed.conflicts} conflicts; server: ${checked.records} records, ${checked.distinct} distinct, ${checked.duplicates} duplicates, ${checked.lost} lost`,
    );
    cutResults.push([
      'answers lost from push 3 (server applied), resent',
      `${first.pending} → ${resumed.pending}`,
      String(checked.records),
      String(checked.duplicates),
      String(checked.lost),
      ok ? 'PASS' : 'FAIL',
    ]);
    if (!ok)
      throw new Error(
        `B7: lost answer failed: ${JSON.stringify({ first, applied, resumed, checked })}`,
      );
  }

  // where the server's time goes, without the browser
  const server = await serverOnly(tessera.url, bearer);
  console.log(
    `server only, ${DIAG_N} creates from Node, sequential: sync push ${formatMs(server.push)}/record, POST …/records with Idempotency-Key ${formatMs(server.keyed)}/record, without ${formatMs(server.plain)}/record; a pull right after the ${DIAG_N} pushed creates ${formatMs(server.pullAfterPush)}, again ${formatMs(server.pullAgain)}; load ${loadavg()[0]!.toFixed(2)}`,
  );

  // summary
  const rate = (ms: number) => (N / ms) * 1000;
  const tRate = median(t.map((r) => rate(r.syncMs)));
  const pRate = median(p.map((r) => rate(r.syncMs)));
  console.log(`\nmedians of ${ROUNDS} round(s), ${N} submissions:`);
  printTable([
    ['side', 'offline writes', 'sync', 'docs/s (rounds)'],
    [
      'Tessera store.queue + engine.sync()',
      formatMs(median(t.map((r) => r.queueMs))),
      formatMs(median(t.map((r) => r.syncMs))),
      `${tRate.toFixed(0)} (${t.map((r) => rate(r.syncMs).toFixed(0)).join(' / ')})`,
    ],
    [
      'PouchDB put + replicate.to(pouchdb-server)',
      formatMs(median(p.map((r) => r.writeMs))),
      formatMs(median(p.map((r) => r.syncMs))),
      `${pRate.toFixed(0)} (${p.map((r) => rate(r.syncMs).toFixed(0)).join(' / ')})`,
    ],
  ]);
  console.log('');
  printTable([
    ['cut and resume', 'queued', 'records', 'duplicates', 'lost', 'verdict'],
    ...cutResults,
  ]);
  const ratio = tRate / pRate;
  console.log(
    `\n${ratio >= TARGET ? 'PASS' : 'MISS'}  Tessera/peer docs/s: ${formatRatio(ratio)} (target ≥ ${formatRatio(TARGET)}); per round ${t.map((r, i) => formatRatio(p[i]!.syncMs / r.syncMs)).join(' / ')}`,
  );
  console.log('PASS  cut and resume: 0 duplicates, 0 lost, outbox empty (both cases)');
} finally {
  await context?.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await tessera?.stop();
  if (couch) await stopChild(couch);
  for (const dir of [dataDir, couchDir, profileDir])
    await rm(dir, { recursive: true, force: true });
}

declare global {
  interface Window {
    b7: typeof import('./lib/b7-page.ts').b7;
  }
}
