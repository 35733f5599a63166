/**
 * B5 — the flow engine: durable 3-step approvals on embedded PouchDB, against bpmn-engine.
 *
 * One instance = start a 3-step approval (start → manager → legal → head → end, each approval
 * assigned to one user) and complete its three tasks. 2,000 instances per run, walked
 * sequentially (one instance at a time) and at concurrency 50 (50 instances in flight, each
 * walking its steps in order), each run on a fresh embedded PouchDB (LevelDB) in a temp
 * directory, deleted afterwards. Sides, in the same process:
 *   - tessera: the pure engine behind the flow store (`@tessera/runtime/flow-store`), the flow
 *     prepared once; five commands per instance — `store.create` (draft), `store.act` submit,
 *     approve × 3 — each one takes the instance document (what this process wrote last, the
 *     revision check of the write catching a change made elsewhere), applies the command,
 *     writes it back with compare-and-swap and writes the inbox entries of the tasks it opened
 *     or closed (the instance and its first entry in one write at create);
 *   - tessera-bare (its own row, a diagnostic, no target): the same commands on the instance
 *     document alone, `storage.create` then `storage.mutate` around the pure engine, no inbox
 *     entries — what the flow store costs beyond one compare-and-swap per command;
 *   - bpmn-memory: bpmn-engine (npm) running the same process as BPMN 2.0, one engine kept in
 *     memory per instance, its `getState()` written to one document per instance at each of the
 *     three waits and at the end (first a create, then updates with the known revision); the
 *     BPMN is parsed once and every engine built from the same serialized definition;
 *   - bpmn-recover (its own row, no target): as a server handling one request per task would —
 *     read the document, `recover` + `resume` an engine, signal the task, write the next state.
 * Both sides use Tessera's storage adapter (`createPouchStorage({ kind: 'embedded' })`) on the
 * same PouchDB and LevelDB. Per-command latency is the time of one awaited command (Tessera)
 * or one wait-to-wait step including its write (bpmn).
 * Target: Tessera's instances/s ≥ 3× bpmn-engine's (in-memory variant), in both modes: the
 * median over rounds (default 3) of each round's ratio, the two sides run back to back.
 *
 * Each run is verified before anything is reported: its database is closed, reopened and
 * every document read back. Tessera: exactly N instances, all `approved`, 3N tasks `approved`,
 * no open task, no token left, no inbox entry left in a todo or draft box. bpmn: N engine `end`
 * events and 3N user-task completions counted from the listener's events; exactly N stored
 * states, each idle and completed, 3N user tasks taken, no activity left waiting. A failed
 * check throws (exit code 1).
 *
 * Run: `node --import tsx test/bench/b5-flow-engine.ts` (or `npm run bench -- b5`).
 * A reference table follows: each engine alone, nothing stored, sequential (no target).
 * B5_INSTANCES overrides N; B5_RECOVER_INSTANCES the recover variant's N (default N / 4);
 * B5_ROUNDS the number of rounds (default 3).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import {
  approvalSourceContext,
  type BpmnMode,
  openBpmn,
  walkInMemory as walkBpmnInMemory,
} from './lib/b5-bpmn-approval.ts';
import {
  type ApprovalRun,
  openTessera,
  prepareApproval,
  walkInMemory as walkTesseraInMemory,
} from './lib/b5-tessera-approval.ts';
import {
  formatMs,
  formatRate,
  formatRatio,
  median,
  printHeader,
  printTable,
  verdict,
} from './lib/report.ts';

const INSTANCES = Number(process.env.B5_INSTANCES ?? 2_000);
const RECOVER_INSTANCES = Number(
  process.env.B5_RECOVER_INSTANCES ?? Math.max(1, Math.round(INSTANCES / 4)),
);
const CONCURRENCY = 50;
const TARGET = 3; // Tessera instances/s ÷ bpmn-engine instances/s, at least
const WARMUP = 100;
const ROUNDS = Number(process.env.B5_ROUNDS ?? 3);

const counts = [INSTANCES, RECOVER_INSTANCES, ROUNDS];
if (!counts.every((n) => Number.isInteger(n) && n >= 1)) {
  throw new Error(
    'B5: B5_INSTANCES, B5_RECOVER_INSTANCES and B5_ROUNDS must be positive whole numbers',
  );
}

type Side = 'tessera' | 'tessera-bare' | `bpmn-${BpmnMode}`;
type Mode = 'sequential' | 'concurrent';
const SIDES: readonly Side[] = ['tessera', 'tessera-bare', 'bpmn-memory', 'bpmn-recover'];
const MODES: readonly Mode[] = ['sequential', 'concurrent'];

interface RunResult {
  readonly side: Side;
  readonly mode: Mode;
  readonly instances: number;
  readonly ms: number;
  readonly perSecond: number;
  readonly latencies: number[];
  readonly load: number;
  readonly verified: string;
  readonly calls?: Readonly<Record<string, number>>;
}

/** Runs `work(i)` for i in [0, count) with `concurrency` workers pulling the next index. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** The nearest-rank percentile of some measurements. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const flow = prepareApproval();
const { source: sourceContext, version: bpmnEngineVersion } = await approvalSourceContext();

async function open(side: Side, path: string): Promise<ApprovalRun> {
  if (side === 'tessera') return openTessera(flow, path, 'store');
  if (side === 'tessera-bare') return openTessera(flow, path, 'bare');
  return openBpmn(sourceContext, path, side === 'bpmn-memory' ? 'memory' : 'recover');
}

async function run(side: Side, mode: Mode, instances: number): Promise<RunResult> {
  const dir = await mkdtemp(join(os.tmpdir(), `tessera-b5-${side}-`));
  try {
    const sideRun = await open(side, join(dir, 'db'));
    try {
      const latencies: number[] = [];
      const start = performance.now();
      await pool(instances, mode === 'sequential' ? 1 : CONCURRENCY, (i) =>
        sideRun.walk(i, latencies),
      );
      const ms = performance.now() - start;
      const load = os.loadavg()[0] ?? 0;
      const verified = await sideRun.verify(instances);
      return {
        side,
        mode,
        instances,
        ms,
        perSecond: instances / (ms / 1000),
        latencies,
        load,
        verified: verified.detail,
        ...(sideRun.calls ? { calls: { ...sideRun.calls } } : {}),
      };
    } finally {
      await sideRun.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const instancesOf = (side: Side) => (side === 'bpmn-recover' ? RECOVER_INSTANCES : INSTANCES);

printHeader('B5 flow engine: durable 3-step approvals on embedded PouchDB vs bpmn-engine');
console.log(
  `instances: ${INSTANCES.toLocaleString('en')}${INSTANCES === 2_000 ? '' : ' (B5_INSTANCES; the headline is 2,000)'} ` +
    `per run (bpmn-recover: ${RECOVER_INSTANCES.toLocaleString('en')}), sequential and at concurrency ${CONCURRENCY}; ` +
    `bpmn-engine ${bpmnEngineVersion}`,
);
console.log(
  'sides: tessera (flow store: create, submit, approve × 3), tessera-bare (instance document only, ' +
    'no inbox, no target), bpmn-memory (engine kept in memory, state written at each wait), ' +
    'bpmn-recover (recover + resume from the stored state per task, no target)',
);
console.log(
  `rounds: ${ROUNDS} after a warm-up of ${WARMUP} instances per side; in each round, per mode, ` +
    `the sides run one after another (${SIDES.join(', ')})`,
);

const started = performance.now();
for (const side of SIDES) await run(side, 'sequential', WARMUP);

const results: (RunResult & { readonly round: number })[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const mode of MODES) {
    for (const side of SIDES) {
      const result = await run(side, mode, instancesOf(side));
      results.push({ ...result, round });
      console.log(
        `round ${round}: ${mode.padEnd(10)} ${side.padEnd(12)} ${formatRate(result.perSecond, ' inst/s')} ` +
          `(${result.instances} in ${formatMs(result.ms)}, load ${result.load.toFixed(2)}); verified: ${result.verified}`,
      );
    }
  }
}

const runsOf = (side: Side, mode: Mode) =>
  results.filter((r) => r.side === side && r.mode === mode);
/** Per round, a side's instances/s over bpmn-memory's of the same round and mode. */
const ratios = (side: Side, mode: Mode) =>
  runsOf(side, mode).map(
    (r) => r.perSecond / runsOf('bpmn-memory', mode).find((b) => b.round === r.round)!.perSecond,
  );
const withRange = (values: readonly number[], format: (v: number) => string) =>
  values.length > 1
    ? `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`
    : format(median(values));
const stepsOf = (side: Side) => (side.startsWith('tessera') ? 'command' : 'step');

console.log('');
console.log(
  `instances per second, median of ${ROUNDS} round(s) (range in brackets); latency percentiles over ` +
    'every round, per Tessera command (5 per instance) or per bpmn step (4 per instance):',
);
printTable([
  ['mode', 'side', 'instances', 'inst/s', 'per', 'p50', 'p99', '÷ bpmn-memory', 'load (1 min)'],
  ...MODES.flatMap((mode) =>
    SIDES.map((side) => {
      const runs = runsOf(side, mode);
      const latencies = runs.flatMap((r) => r.latencies);
      return [
        mode,
        side,
        instancesOf(side).toLocaleString('en'),
        withRange(
          runs.map((r) => r.perSecond),
          (v) => formatRate(v),
        ),
        stepsOf(side),
        formatMs(percentile(latencies, 50)),
        formatMs(percentile(latencies, 99)),
        side === 'bpmn-memory' ? '—' : withRange(ratios(side, mode), formatRatio),
        withRange(
          runs.map((r) => r.load),
          (v) => v.toFixed(2),
        ),
      ];
    }),
  ),
]);

for (const r of results.filter((one) => one.calls && one.round === 1)) {
  const perInstance = Object.entries(r.calls!)
    .map(([name, n]) => `${name} ${(n / r.instances).toFixed(1)}`)
    .join(', ');
  console.log(`${r.side} ${r.mode}: storage calls per instance: ${perInstance}`);
}
console.log(
  'bpmn-memory: 1 create + 3 updates per instance; bpmn-recover: 1 create + 3 × (get + update)',
);

// Reference: the engines alone, nothing stored, one instance at a time (no target).
const engineOnly: [string, number][] = [];
for (const [name, walk] of [
  ['tessera engine', async (i: number) => walkTesseraInMemory(flow, i)],
  ['bpmn-engine + getState', (i: number) => walkBpmnInMemory(sourceContext, i)],
] as const) {
  for (let i = 0; i < WARMUP; i++) await walk(i);
  const start = performance.now();
  for (let i = 0; i < INSTANCES; i++) await walk(i);
  engineOnly.push([name, INSTANCES / ((performance.now() - start) / 1000)]);
}
console.log('');
console.log(
  `reference, no storage: the engine alone, sequential, ${INSTANCES.toLocaleString('en')} instances ` +
    `each checked approved (load ${(os.loadavg()[0] ?? 0).toFixed(2)}):`,
);
printTable([
  ['engine', 'inst/s', 'per instance', '÷ bpmn-engine'],
  ...engineOnly.map(([name, rate]) => [
    name,
    formatRate(rate),
    formatMs(1000 / rate),
    formatRatio(rate / engineOnly[1]![1]),
  ]),
]);

console.log('');
for (const mode of MODES) {
  const ratio = median(ratios('tessera', mode));
  console.log(
    verdict(`tessera / bpmn-engine instances/s, ${mode} (median of rounds)`, ratio, TARGET),
  );
}
console.log(`run time: ${formatMs(performance.now() - started)}`);
