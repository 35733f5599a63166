/**
 * B11 — load: 50 simulated people submitting and approving for LOAD_MINUTES (default 10) on two
 * Tessera servers over one CouchDB-protocol server.
 *
 * pouchdb-server (in memory) and two `node --import tsx server/src/main.ts` with COUCHDB_URL, a
 * DATA_DIR each, not pinned (all four processes share the machine's cores). The spend app of the
 * server tests: an expense flow start → department head approval → finance approval → a guarded
 * write-back deducting the amount from the department's budget line (`remaining ≥ amount`).
 * Six departments: five teams of nine (a head and eight staff) and finance (five clerks, one the
 * head); app role staff = every department, finance = the five clerks; each department has a
 * budget line large enough never to run out.
 * Each person loops: think, start an item (half of the rounds; amount 1.00–99.99 on their line),
 * think, read their todo box, then approve up to three of its tasks in an order of their own,
 * thinking before each. Think time 1–3 s. Every request goes to server A or B at random. The
 * five clerks all hold every finance task, so their approvals race: the loser's 409 is counted
 * as what it is, not as a failure.
 *
 * Printed per minute: requests, statuses, p50/p95/p99 latency, each server's RSS (VmRSS). At
 * the end a summary and PASS/MISS lines. Targets: no 5xx and no request without an answer; p99
 * < 1 s over the run; each Tessera server's RSS at the end < 1.3× its RSS at minute 2 (or at a
 * fifth of a run shorter than 10 minutes).
 * Verified after the load (a failure exits 1): every item answered 201 exists; once no effect is
 * owed, each budget line's `used` is the sum of the amounts of its approved items.
 *
 * Run: `LOAD_MINUTES=1 node --import tsx test/bench/b11-load.ts` (or `npm run bench -- b11`).
 */

import { spendApp } from '../../server/test/spend-app.ts';
import { request, type Session, signIn } from '../integration/support/api-client.ts';
import {
  scratchDir,
  startPouchServer,
  startTessera,
  stopAll,
  type TesseraProcess,
} from '../integration/support/processes.ts';
import {
  live,
  type Person,
  percentile,
  type Sample,
  type Started,
  statusCounts,
} from './lib/b11-people.ts';
import { rssMb } from './lib/processes.ts';
import { formatMs, printHeader, printTable } from './lib/report.ts';

const MINUTES = Number(process.env.LOAD_MINUTES ?? 10);
const TEAMS = 5;
const TEAM_SIZE = 9;
const CLERKS = 5;
const PASSWORD = 'bench-Password-2026';
const LINE_TOTAL = '100000000.00';
const TARGET_P99_MS = 1000;
const TARGET_GROWTH = 1.3;
const RSS_EVERY_MS = 5000;

const fail = (message: string): never => {
  throw new Error(`B11: ${message}`);
};
const ok = (answer: { status: number; json: unknown }, status: number, what: string) => {
  if (answer.status !== status) fail(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json as Record<string, unknown>;
};
const money = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const mb = (value: number) => `${value.toFixed(0)} MB`;

printHeader(
  `B11 load: ${TEAMS * TEAM_SIZE + CLERKS} people, ${MINUTES} min, 2 servers, 1 pouchdb-server`,
);
try {
  const couch = await startPouchServer();
  const env = { COUCHDB_URL: couch.url, COUCHDB_DATABASE: 'b11' };
  const a = await startTessera(await scratchDir('b11-a'), env);
  const b = await startTessera(await scratchDir('b11-b'), env);
  const servers: TesseraProcess[] = [a, b];
  const admin = await signIn(a.url, 'admin', a.adminPassword ?? fail('no admin password'));
  const as = (session: Session) => ({ session });
  const post = async (path: string, body: unknown, what: string, session = admin) =>
    ok(await request(a.url, 'POST', path, { ...as(session), body }), 201, what);

  // the organisation: five teams and finance, a head each
  const departments: { id: string; people: string[]; ids: string[] }[] = [];
  for (let d = 0; d <= TEAMS; d++) {
    const finance = d === TEAMS;
    const name = finance ? '财务部' : `第${d + 1}组`;
    const id = String((await post('/api/departments', { name }, name)).id);
    const people = Array.from({ length: finance ? CLERKS : TEAM_SIZE }, (_, i) =>
      finance ? `clerk${i + 1}` : `t${d + 1}p${i + 1}`,
    );
    const ids: string[] = [];
    for (const username of people) {
      const made = await post(
        '/api/users',
        { username, password: PASSWORD, roles: ['user'], department: id },
        username,
      );
      ids.push(String(made.id));
    }
    const read = ok(await request(a.url, 'GET', `/api/departments/${id}`, as(admin)), 200, name);
    ok(
      await request(a.url, 'PATCH', `/api/departments/${id}`, {
        ...as(admin),
        body: { _rev: read._rev, head: ids[0] },
      }),
      200,
      `head of ${name}`,
    );
    departments.push({ id, people, ids });
  }
  const clerks = departments[TEAMS]!;
  await post('/api/apps', spendApp(), 'app');
  await post('/api/apps/spend/publish', {}, 'publish');
  ok(
    await request(a.url, 'PUT', '/api/apps/spend/roles', {
      ...as(admin),
      body: {
        roles: {
          staff: { departments: departments.map((one) => one.id) },
          finance: { users: clerks.ids },
        },
        rows: {
          expense: { staff: 'own', finance: 'all' },
          budget: { finance: 'all', staff: 'all' },
        },
      },
    }),
    200,
    'roles',
  );
  const clerk = await signIn(a.url, clerks.people[0]!, PASSWORD);
  const people: Person[] = [];
  const lines: string[] = [];
  for (const department of departments) {
    const line = String(
      (
        await post(
          '/api/apps/spend/tables/budget/records',
          {
            values: {
              name: department.people[0],
              total: LINE_TOTAL,
              used: '0.00',
              remaining: LINE_TOTAL,
            },
          },
          'line',
          clerk,
        )
      ).id,
    );
    lines.push(line);
    for (const username of department.people) {
      people.push({ username, session: await signIn(a.url, username, PASSWORD), line });
    }
  }
  console.log(
    `set up: ${departments.length} departments, ${people.length} people, ${lines.length} budget lines; ` +
      `servers A ${a.url} (pid ${a.pid}), B ${b.url} (pid ${b.pid}), pouchdb-server ${couch.url}`,
  );

  // the load
  const samples: Sample[] = [];
  const started: Started[] = [];
  const rss: { at: number; mb: number[] }[] = [];
  const began = Date.now();
  const until = began + MINUTES * 60_000;
  const sampleRss = async () =>
    rss.push({
      at: Date.now() - began,
      mb: await Promise.all([a.pid, b.pid, couch.pid].map((pid) => rssMb(pid))),
    });
  await sampleRss();
  const sampler = setInterval(() => void sampleRss(), RSS_EVERY_MS);
  const minutes = Math.ceil(MINUTES);
  const rows: string[][] = [
    ['minute', 'requests', 'statuses', 'p50', 'p95', 'p99', 'RSS A', 'RSS B', 'RSS couch'],
  ];
  const row = (minute: number) => {
    const of = samples.filter((one) => Math.floor(one.at / 60_000) === minute - 1);
    const ms = of.map((one) => one.ms);
    const last = rss.filter((one) => one.at <= minute * 60_000).at(-1)!;
    return [
      String(minute),
      String(of.length),
      statusCounts(of),
      formatMs(percentile(ms, 50)),
      formatMs(percentile(ms, 95)),
      formatMs(percentile(ms, 99)),
      ...last.mb.map(mb),
    ];
  };
  const reporter = setInterval(() => {
    const minute = Math.floor((Date.now() - began) / 60_000);
    if (minute >= 1 && rows.length === minute) {
      const line = row(minute);
      rows.push(line);
      console.log(
        `minute ${line[0]}: ${line[1]} requests (${line[2]}), p50 ${line[3]}, p95 ${line[4]}, p99 ${line[5]}, RSS A ${line[6]}, B ${line[7]}, pouchdb-server ${line[8]}`,
      );
    }
  }, 1000);
  await Promise.all(
    people.map((person) =>
      live(person, {
        servers: servers.map((one) => one.url),
        began,
        until,
        think: [1000, 3000],
        startChance: 0.5,
        approvalsPerRound: 3,
        samples,
        started,
      }),
    ),
  );
  clearInterval(reporter);
  clearInterval(sampler);
  await sampleRss();
  while (rows.length <= minutes) rows.push(row(rows.length));

  // verification: every item answered 201 exists; the lines add up once nothing is owed
  const approved = new Map<string, number>(lines.map((line) => [line, 0]));
  let running = 0;
  for (let i = 0; i < started.length; i += 8) {
    await Promise.all(
      started.slice(i, i + 8).map(async (item) => {
        const view = ok(
          await request(b.url, 'GET', `/api/flow-items/${item.id}`, as(clerk)),
          200,
          `item ${item.id}`,
        );
        if (view.status === 'approved')
          approved.set(item.line, approved.get(item.line)! + item.cents);
        else running++;
      }),
    );
  }
  let settled = false;
  let wrong = '';
  for (let tries = 0; tries < 60 && !settled; tries++) {
    wrong = '';
    for (const line of lines) {
      const read = ok(
        await request(a.url, 'GET', `/api/apps/spend/tables/budget/records/${line}`, as(clerk)),
        200,
        'line',
      );
      const used = String((read.values as Record<string, unknown>).used);
      if (used !== money(approved.get(line)!))
        wrong += ` ${line}: used ${used}, approved ${money(approved.get(line)!)};`;
    }
    settled = wrong === '';
    if (!settled) await new Promise((done) => setTimeout(done, 1000));
  }
  if (!settled) fail(`the budget lines do not add up to the approved items:${wrong}`);
  const approvedCount = started.length - running;
  console.log(
    `verified: ${started.length} items answered 201 all exist (${approvedCount} approved, ${running} still running); ` +
      `the ${lines.length} budget lines' used = the sum of their approved amounts`,
  );

  // the summary
  console.log(`\nper minute (${people.length} people, think time 1–3 s):`);
  printTable(rows);
  const all = samples.map((one) => one.ms);
  console.log('\nby request:');
  printTable([
    ['request', 'count', 'statuses', 'p50', 'p95', 'p99'],
    ...(['start', 'inbox', 'approve'] as const).map((kind) => {
      const of = samples.filter((one) => one.kind === kind);
      const ms = of.map((one) => one.ms);
      return [
        kind,
        String(of.length),
        statusCounts(of),
        formatMs(percentile(ms, 50)),
        formatMs(percentile(ms, 95)),
        formatMs(percentile(ms, 99)),
      ];
    }),
    [
      'all',
      String(samples.length),
      statusCounts(samples),
      formatMs(percentile(all, 50)),
      formatMs(percentile(all, 95)),
      formatMs(percentile(all, 99)),
    ],
  ]);
  const codes = new Map<string, number>();
  for (const one of samples) {
    if (one.code)
      codes.set(`${one.status} ${one.code}`, (codes.get(`${one.status} ${one.code}`) ?? 0) + 1);
  }
  console.log(
    `refusals and failures: ${[...codes].map(([code, n]) => `${code} ×${n}`).join(', ') || 'none'}`,
  );
  const baselineAt = Math.min(120_000, (MINUTES * 60_000) / 5);
  const baseline = rss.find((one) => one.at >= baselineAt) ?? rss.at(-1)!;
  const end = rss.at(-1)!;
  console.log(
    `RSS at ${formatMs(baseline.at)} → end: A ${mb(baseline.mb[0]!)} → ${mb(end.mb[0]!)}, ` +
      `B ${mb(baseline.mb[1]!)} → ${mb(end.mb[1]!)}, pouchdb-server ${mb(baseline.mb[2]!)} → ${mb(end.mb[2]!)}`,
  );

  const broken = samples.filter((one) => one.status >= 500 || one.status === 0).length;
  const p99 = percentile(all, 99);
  const lineOf = (pass: boolean, text: string) => console.log(`${pass ? 'PASS' : 'MISS'}  ${text}`);
  lineOf(broken === 0, `5xx or unanswered requests: ${broken} (target 0)`);
  lineOf(
    p99 < TARGET_P99_MS,
    `p99 over the run: ${formatMs(p99)} (target < ${formatMs(TARGET_P99_MS)})`,
  );
  for (const [index, name] of ['A', 'B'].entries()) {
    const growth = end.mb[index]! / baseline.mb[index]!;
    lineOf(
      growth < TARGET_GROWTH,
      `server ${name} RSS end / at ${formatMs(baseline.at)}: ${growth.toFixed(2)}× (target < ${TARGET_GROWTH}×)`,
    );
  }
} finally {
  await stopAll();
}
