/**
 * B8 — expression evaluation throughput.
 *
 * 1,000,000 evaluations per round of four typical linkage/condition expressions over a
 * 5-variable context, through:
 *   - Tessera's wrapper (`@tessera/core/expression`), compiled once, evaluated with JSON values
 *     as a form hands them over (numbers, strings), amount declared as `double` (like-for-like);
 *   - the same wrapper with amount declared as `decimal` and passed as a string (the money path);
 *   - raw @marcbachmann/cel-js, parsed once, called with a context already in CEL-native types
 *     (BigInt ints) — its best case;
 *   - jsonata, compiled once, `await expr.evaluate(ctx)` (async).
 * Targets: Tessera/raw ≥ 0.8, Tessera/jsonata ≥ 30 (both for the like-for-like row).
 *
 * Run: `node --import tsx test/bench/b8-expressions.ts` (or `npm run bench`).
 */
import { Environment } from '@marcbachmann/cel-js';
import { type CompiledExpression, createExpressionEnvironment } from '@tessera/core/expression';
import jsonata from 'jsonata';
import { formatRate, formatRatio, median, printHeader, printTable, verdict } from './lib/report.ts';

const ROUNDS = 5;
const EVALS = 1_000_000;
/** jsonata runs ~0.1 M evals/s here: 1M awaited evaluations per round would take ~10 s each. */
const JSONATA_EVALS = 100_000;
const TARGET_VS_RAW = 0.8;
const TARGET_VS_JSONATA = 30;

const EXPRESSIONS = [
  { cel: 'amount > 10000 && dept == "市场部"', jsonata: 'amount > 10000 and dept = "市场部"' },
  { cel: 'qty * 2 + 1 > 10', jsonata: 'qty * 2 + 1 > 10' },
  { cel: 'priority == "P1" || days >= 3', jsonata: 'priority = "P1" or days >= 3' },
  {
    cel: 'dept in ["市场部", "销售部"] && qty > 0',
    jsonata: 'dept in ["市场部", "销售部"] and qty > 0',
  },
] as const;
const EXPRESSION_MASK = 3; // 4 expressions, rotated: evaluation i uses expression i & 3

// ---------------------------------------------------------------------------------------------
// Inputs: 256 deterministic records, each in the shape every engine is given.

const INPUT_COUNT = 256;
const INPUT_MASK = INPUT_COUNT - 1; // evaluation i uses input (i >>> 2) & 255

/** JSON values as a form hands them over (type aliases, so they fit `Record<string, unknown>`). */
type FormValues = { amount: number; dept: string; qty: number; priority: string; days: number };
/** The money path: amount as a decimal string. */
type MoneyFormValues = Omit<FormValues, 'amount'> & { amount: string };
/** CEL-native values for raw cel-js: ints already BigInt. */
type CelValues = Omit<FormValues, 'qty' | 'days'> & { qty: bigint; days: bigint };

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

const DEPTS = ['市场部', '销售部', '研发部', '财务部'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const BOUNDARY_CENTS = [1_000_000, 999_999, 1_000_001, 0]; // 10000.00, 9999.99, 10000.01, 0.00

const random = mulberry32(8);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const form: FormValues[] = [];
const money: MoneyFormValues[] = [];
const native: CelValues[] = [];
for (let i = 0; i < INPUT_COUNT; i++) {
  const cents = BOUNDARY_CENTS[i] ?? Math.floor(random() * 2_000_000);
  const values: FormValues = {
    amount: cents / 100,
    dept: pick(DEPTS),
    qty: Math.floor(random() * 10),
    priority: pick(PRIORITIES),
    days: Math.floor(random() * 7),
  };
  form.push(values);
  money.push({ ...values, amount: (cents / 100).toFixed(2) });
  native.push({ ...values, qty: BigInt(values.qty), days: BigInt(values.days) });
}

// ---------------------------------------------------------------------------------------------
// Engines: compiled once.

const common = [
  { name: 'dept', type: 'string' },
  { name: 'qty', type: 'int' },
  { name: 'priority', type: 'string' },
  { name: 'days', type: 'int' },
];
const tesseraEnv = createExpressionEnvironment({
  variables: [{ name: 'amount', type: 'double' }, ...common],
});
const moneyEnv = createExpressionEnvironment({
  variables: [{ name: 'amount', type: 'decimal' }, ...common],
});
const tessera = EXPRESSIONS.map((e) => tesseraEnv.compile(e.cel, 'bool'));
const tesseraMoney = EXPRESSIONS.map((e) => moneyEnv.compile(e.cel, 'bool'));

const rawEnv = new Environment()
  .registerVariable('amount', 'double')
  .registerVariable('dept', 'string')
  .registerVariable('qty', 'int')
  .registerVariable('priority', 'string')
  .registerVariable('days', 'int');
const raw = EXPRESSIONS.map((e) => rawEnv.parse(e.cel));
type RawExpression = (typeof raw)[number];

const jsonataExpressions = EXPRESSIONS.map((e) => jsonata(e.jsonata));
type JsonataExpression = (typeof jsonataExpressions)[number];

// ---------------------------------------------------------------------------------------------
// Verification: every engine gives the same boolean on every (expression, input) pair.

const truth: boolean[][] = [];
for (let e = 0; e < EXPRESSIONS.length; e++) {
  const row: boolean[] = [];
  for (let i = 0; i < INPUT_COUNT; i++) {
    const results = {
      tessera: tessera[e]!.evaluate(form[i]),
      'tessera-prepared': tessera[e]!.evaluatePrepared(tesseraEnv.prepare(form[i]!)),
      'tessera-decimal': tesseraMoney[e]!.evaluate(money[i]),
      raw: raw[e]!(native[i]),
      jsonata: await jsonataExpressions[e]!.evaluate(form[i]),
    };
    const values = Object.values(results);
    if (values.some((v) => typeof v !== 'boolean') || values.some((v) => v !== values[0])) {
      throw new Error(
        `B8: engines disagree on ${EXPRESSIONS[e]!.cel} with ${JSON.stringify(money[i])}: ${JSON.stringify(results)}`,
      );
    }
    row.push(values[0] as boolean);
  }
  truth.push(row);
}

/** How many of the first n rotated evaluations are true, from the verified truth table. */
function expectedTrues(n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (truth[i & EXPRESSION_MASK]![(i >>> 2) & INPUT_MASK]) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Timed loops: one per engine (no shared call site), each counts its true results.

function loopTessera(
  compiled: readonly CompiledExpression[],
  inputs: readonly Readonly<Record<string, unknown>>[],
  n: number,
): number {
  let trues = 0;
  for (let i = 0; i < n; i++) {
    if (compiled[i & EXPRESSION_MASK]!.evaluate(inputs[(i >>> 2) & INPUT_MASK]) === true) trues++;
  }
  return trues;
}

/**
 * The form path: one record, its linkage rules evaluated together. Evaluations come in groups
 * of four over the same input (i >>> 2), so each group converts its JSON record once
 * (`prepare`) inside the timed loop and evaluates the four expressions over it.
 */
function loopTesseraPrepared(
  env: typeof tesseraEnv,
  compiled: readonly CompiledExpression[],
  inputs: readonly Readonly<Record<string, unknown>>[],
  n: number,
): number {
  let trues = 0;
  let context = env.prepare(inputs[0]!);
  for (let i = 0; i < n; i++) {
    if ((i & EXPRESSION_MASK) === 0) context = env.prepare(inputs[(i >>> 2) & INPUT_MASK]!);
    if (compiled[i & EXPRESSION_MASK]!.evaluatePrepared(context) === true) trues++;
  }
  return trues;
}

/** The money row gets its own copy of the loop so the two Tessera rows share no call site. */
function loopTesseraMoney(
  compiled: readonly CompiledExpression[],
  inputs: readonly Readonly<Record<string, unknown>>[],
  n: number,
): number {
  let trues = 0;
  for (let i = 0; i < n; i++) {
    if (compiled[i & EXPRESSION_MASK]!.evaluate(inputs[(i >>> 2) & INPUT_MASK]) === true) trues++;
  }
  return trues;
}

/**
 * Raw cel-js as a form would have to use it: each JSON record converted once (ints to BigInt,
 * hand-written for exactly these fields, the least work possible) and the four rules evaluated.
 */
function loopRawFromJson(
  compiled: readonly RawExpression[],
  inputs: readonly FormValues[],
  n: number,
) {
  let trues = 0;
  let context: CelValues = { ...inputs[0]!, qty: 0n, days: 0n };
  for (let i = 0; i < n; i++) {
    if ((i & EXPRESSION_MASK) === 0) {
      const values = inputs[(i >>> 2) & INPUT_MASK]!;
      context = { ...values, qty: BigInt(values.qty), days: BigInt(values.days) };
    }
    if (compiled[i & EXPRESSION_MASK]!(context) === true) trues++;
  }
  return trues;
}

function loopRaw(compiled: readonly RawExpression[], inputs: readonly CelValues[], n: number) {
  let trues = 0;
  for (let i = 0; i < n; i++) {
    if (compiled[i & EXPRESSION_MASK]!(inputs[(i >>> 2) & INPUT_MASK]) === true) trues++;
  }
  return trues;
}

async function loopJsonata(
  compiled: readonly JsonataExpression[],
  inputs: readonly FormValues[],
  n: number,
): Promise<number> {
  let trues = 0;
  for (let i = 0; i < n; i++) {
    if ((await compiled[i & EXPRESSION_MASK]!.evaluate(inputs[(i >>> 2) & INPUT_MASK])) === true)
      trues++;
  }
  return trues;
}

interface Engine {
  readonly name: string;
  readonly evals: number;
  readonly run: (n: number) => number | Promise<number>;
  readonly rates: number[];
  trues: number;
}

const engines: Engine[] = [
  {
    name: 'tessera (prepared per record)',
    evals: EVALS,
    run: (n) => loopTesseraPrepared(tesseraEnv, tessera, form, n),
    rates: [],
    trues: 0,
  },
  {
    name: 'tessera (JSON per evaluation)',
    evals: EVALS,
    run: (n) => loopTessera(tessera, form, n),
    rates: [],
    trues: 0,
  },
  {
    name: 'tessera (amount decimal, money)',
    evals: EVALS,
    run: (n) => loopTesseraMoney(tesseraMoney, money, n),
    rates: [],
    trues: 0,
  },
  { name: 'raw cel-js', evals: EVALS, run: (n) => loopRaw(raw, native, n), rates: [], trues: 0 },
  {
    name: 'raw cel-js (from JSON per record)',
    evals: EVALS,
    run: (n) => loopRawFromJson(raw, form, n),
    rates: [],
    trues: 0,
  },
  {
    name: 'jsonata',
    evals: JSONATA_EVALS,
    run: (n) => loopJsonata(jsonataExpressions, form, n),
    rates: [],
    trues: 0,
  },
];

printHeader('B8 expressions: 4 rotated expressions, 5-variable context');
console.log(
  `verified: ${EXPRESSIONS.length} expressions × ${INPUT_COUNT} inputs agree across all engines`,
);
console.log(
  `rounds: ${ROUNDS}, engines alternate (order rotates each round); ${EVALS.toLocaleString('en')} evals/round each, ` +
    `jsonata ${JSONATA_EVALS.toLocaleString('en')}/round (scaled to evals/s)`,
);

// Warm-up: let every engine reach its optimised code before timing.
for (const engine of engines) await engine.run(Math.floor(engine.evals / 5));

for (let round = 0; round < ROUNDS; round++) {
  const order = engines.map((_, i) => engines[(i + round) % engines.length]!);
  const line: string[] = [];
  for (const engine of order) {
    const start = performance.now();
    const trues = await engine.run(engine.evals);
    const seconds = (performance.now() - start) / 1000;
    const expected = expectedTrues(engine.evals);
    if (trues !== expected)
      throw new Error(`B8: ${engine.name} counted ${trues} true results, expected ${expected}`);
    engine.trues += trues;
    engine.rates.push(engine.evals / seconds);
    line.push(`${engine.name} ${formatRate(engine.evals / seconds)}`);
  }
  console.log(`round ${round + 1}: ${line.join(' | ')}`);
}

const [tesseraPrepared, tesseraDouble, tesseraDecimal, rawCel, rawFromJson, jsonataEngine] =
  engines.map((e) => median(e.rates)) as [number, number, number, number, number, number];

console.log('');
printTable([
  ['engine', 'median evals/s', 'ns/eval', 'min', 'max', 'evals/round', 'true results (all rounds)'],
  ...engines.map((e) => [
    e.name,
    formatRate(median(e.rates)),
    (1e9 / median(e.rates)).toFixed(0),
    formatRate(Math.min(...e.rates)),
    formatRate(Math.max(...e.rates)),
    e.evals.toLocaleString('en'),
    e.trues.toLocaleString('en'),
  ]),
]);
console.log('');
console.log(`money path: tessera decimal / raw = ${formatRatio(tesseraDecimal / rawCel)}`);
console.log(`ceiling:    raw cel-js / jsonata = ${formatRatio(rawCel / jsonataEngine)}`);
console.log(
  `per evaluation: tessera JSON per evaluation / raw = ${formatRatio(tesseraDouble / rawCel)}`,
);
console.log(
  verdict('tessera (prepared per record) / raw cel-js', tesseraPrepared / rawCel, TARGET_VS_RAW),
);
console.log(
  verdict(
    'tessera (prepared per record) / raw cel-js from JSON',
    tesseraPrepared / rawFromJson,
    TARGET_VS_RAW,
  ),
);
console.log(
  verdict(
    'tessera (prepared per record) / jsonata',
    tesseraPrepared / jsonataEngine,
    TARGET_VS_JSONATA,
  ),
);
