/**
 * B4 — keystroke latency: keydown → next paint while typing into a big form, in Chromium.
 *
 * The form (test/bench/lib/big-form.ts, the pages of B3): 1,000 fields, sections of 50 in
 * 2 columns, types rotated; fields #1, #500 and #999 are text fields and are typed into, and
 * 20 linkage rules make field k+1 required once field k is non-empty (`f0001 != ""`), for
 * k = 1, 500, 999 and 17 more text fields spread over the form. The 10-field form has the rules
 * of its typed fields #1, #5 and #9 (3 rules: 20 per 1,000 fields rounds to none).
 * Sides: tessera (`<tessera-form>`, each keystroke goes through the form runtime: the value into
 * formily, the linkage rules re-evaluated, the fields re-rendered) and bare (one Lit element
 * with the same inputs, an input handler storing the value in a plain object).
 * Playwright's keyboard types one character at a time (`page.keyboard.type`), waiting for each
 * keystroke's measurement before the next. In the page (page-probes.ts): `keydown` (document,
 * capture) starts the clock; `input` bubbling back to the document gives the work time (the
 * field's handler and the microtasks it queued, Lit's re-renders); a task after the next
 * animation frame gives the paint time, the figure the targets are read on.
 * Rounds alternate the sides, a fresh page each; p50/p95 over every keystroke of a side.
 * Targets: Tessera p95 ≤ 16.7 ms (1,000 fields); Tessera p95 ≤ 1.5× bare's; Tessera's 1,000-field
 * p95 ≤ 1.2× its 10-field p95.
 *
 * Run: `node --import tsx test/bench/b4-keystroke.ts` (or `npm run bench -- b4`).
 * B4_ROUNDS (default 4) and B4_KEYS (keystrokes per field per round, default 30) override.
 */
import type { Browser, Page } from 'playwright-core';
import type { BigFormOptions } from './lib/big-form.ts';
import { fieldId } from './lib/big-form.ts';
import { launchChromium, percentile, serveStatic } from './lib/browser.ts';
import { buildFormPages } from './lib/form-pages.ts';
import type { KeystrokeSample } from './lib/page-probes.ts';
import {
  formatMs,
  formatRatio,
  loadLine,
  printHeader,
  printTable,
  verdictAtMost,
} from './lib/report.ts';

const ROUNDS = Number(process.env.B4_ROUNDS ?? 4);
const KEYS = Number(process.env.B4_KEYS ?? 30);
const FRAME = 16.7;
const TARGET_VS_BARE = 1.5;
const TARGET_VS_SMALL = 1.2;
const TEXT = 'thequickbrownfoxjumpsoverthelazydog'; // no spaces: a text field trims its value

if (![ROUNDS, KEYS].every((n) => Number.isInteger(n) && n >= 1)) {
  throw new Error('B4: B4_ROUNDS and B4_KEYS must be positive whole numbers');
}

interface FormCase {
  readonly name: string;
  readonly fields: number;
  readonly typed: readonly number[];
  readonly options: BigFormOptions;
}
const spread = Array.from({ length: 17 }, (_, j) => 25 + 50 * j); // 25, 75, … 825
const CASES: readonly FormCase[] = [
  {
    name: '1,000 fields, 20 rules',
    fields: 1_000,
    typed: [1, 500, 999],
    options: { textFields: [1, 500, 999], requiredAfter: [1, 500, 999, ...spread] },
  },
  {
    name: '10 fields, 3 rules',
    fields: 10,
    typed: [1, 5, 9],
    options: { textFields: [1, 5, 9], requiredAfter: [1, 5, 9] },
  },
];
const SIDES = ['tessera', 'bare'] as const;
type Side = (typeof SIDES)[number];

printHeader('B4 — keystroke → next paint (Chromium)');
const dir = await buildFormPages('bench-b4');
const server = await serveStatic(dir);
let browser: Browser | undefined;

/** Types `count` characters into field k, one at a time; returns the samples and the text. */
async function typeInto(page: Page, k: number, count: number, taken: number) {
  await page.locator(`#f-${fieldId(k)}`).click();
  let text = '';
  for (let i = 0; i < count; i++) {
    const char = TEXT[i % TEXT.length]!;
    text += char;
    await page.keyboard.type(char);
    await page.evaluate((n) => window.bench.probe.settled(n), taken + i + 1);
  }
  return text;
}

/** One fresh page: mount the form, type into each typed field, verify, return the samples. */
async function runPage(side: Side, form: FormCase): Promise<Map<number, KeystrokeSample[]>> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/${side}.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    const mounted = await page.evaluate(([n, options]) => window.bench.mount(n, options), [
      form.fields,
      form.options,
    ] as const);
    if (mounted.inputs !== form.fields) throw new Error(`B4 ${side}: ${mounted.inputs} inputs`);
    const byField = new Map<number, KeystrokeSample[]>();
    let taken = 0;
    for (const k of form.typed) {
      if (side === 'tessera' && (await page.evaluate((j) => window.bench.required(j), k + 1))) {
        throw new Error(`B4: field ${k + 1} required before anything was typed`);
      }
      const text = await typeInto(page, k, KEYS, taken);
      const samples = await page.evaluate(
        ([from, to]) => window.bench.probe.samples.slice(from, to),
        [taken, taken + KEYS] as const,
      );
      taken += KEYS;
      byField.set(k, samples);
      const value = await page.evaluate((j) => window.bench.value(j), k);
      if (value !== text) {
        throw new Error(
          `B4 ${side}: field ${k} holds ${JSON.stringify(value)}, typed ${JSON.stringify(text)}`,
        );
      }
      if (side === 'tessera' && !(await page.evaluate((j) => window.bench.required(j), k + 1))) {
        throw new Error(`B4: field ${k + 1} is not shown required after typing into field ${k}`);
      }
    }
    if (errors.length > 0) throw new Error(`B4 ${side}: page errors: ${errors.join('; ')}`);
    return byField;
  } finally {
    await context.close();
  }
}

type Collected = Record<string, Record<Side, Map<number, KeystrokeSample[]>>>;

try {
  browser = await launchChromium();
  console.log(
    `chromium ${browser.version()}; ${ROUNDS} rounds × ${KEYS} keystrokes per field, ` +
      `${ROUNDS * KEYS} per field per side`,
  );
  // warm-up: one short page per side
  for (const side of SIDES) await runPage(side, { ...CASES[1]!, typed: [1] });
  const all: Collected = {};
  for (const form of CASES) all[form.name] = { tessera: new Map(), bare: new Map() };
  for (let round = 0; round < ROUNDS; round++) {
    for (const form of CASES) {
      const order = round % 2 === 0 ? SIDES : ([...SIDES].reverse() as Side[]);
      for (const side of order) {
        const got = await runPage(side, form);
        const target = all[form.name]![side];
        for (const [k, samples] of got) target.set(k, [...(target.get(k) ?? []), ...samples]);
      }
    }
    console.log(`round ${round + 1} done; load ${loadLine()}`);
  }

  const rows: string[][] = [
    ['form', 'side', 'field', 'keys', 'paint p50', 'paint p95', 'work p50', 'work p95'],
  ];
  const p95: Record<string, Record<Side, number>> = {};
  for (const form of CASES) {
    p95[form.name] = { tessera: 0, bare: 0 };
    for (const side of SIDES) {
      const byField = all[form.name]![side];
      const every = [...byField.values()].flat();
      for (const [k, samples] of [...byField, [0, every] as const]) {
        const paint = samples.map((one) => one.paint);
        const work = samples.map((one) => one.work);
        rows.push([
          form.name,
          side,
          k === 0 ? 'all' : `#${k}`,
          String(samples.length),
          formatMs(percentile(paint, 50)),
          formatMs(percentile(paint, 95)),
          formatMs(percentile(work, 50)),
          formatMs(percentile(work, 95)),
        ]);
      }
      p95[form.name]![side] = percentile(
        every.map((one) => one.paint),
        95,
      );
    }
  }
  console.log('');
  printTable(rows);

  // The first keystroke into a field turns the rule on (field k+1 becomes required): apart.
  const firsts: string[][] = [
    ['form', 'side', 'first keys', 'first: median', 'first: max', 'others: p50', 'others: p95'],
  ];
  for (const form of CASES) {
    for (const side of SIDES) {
      const first: number[] = [];
      const rest: number[] = [];
      for (const samples of all[form.name]![side].values()) {
        samples.forEach((one, i) => {
          (i % KEYS === 0 ? first : rest).push(one.paint);
        });
      }
      firsts.push([
        form.name,
        side,
        String(first.length),
        formatMs(percentile(first, 50)),
        formatMs(Math.max(...first)),
        rest.length > 0 ? formatMs(percentile(rest, 50)) : '—',
        rest.length > 0 ? formatMs(percentile(rest, 95)) : '—',
      ]);
    }
  }
  console.log('\nkeydown → paint, the first keystroke of each field on each page apart:');
  printTable(firsts);
  const [big, small] = CASES.map((form) => p95[form.name]!);
  console.log('');
  console.log(
    verdictAtMost('tessera p95, 1,000 fields', big!.tessera, FRAME, (ms) => `${ms.toFixed(1)} ms`),
  );
  console.log(
    verdictAtMost('tessera p95 / bare p95, 1,000 fields', big!.tessera / big!.bare, TARGET_VS_BARE),
  );
  console.log(
    verdictAtMost('tessera p95, 1,000 / 10 fields', big!.tessera / small!.tessera, TARGET_VS_SMALL),
  );
  console.log(
    `(no target) tessera p95 / bare p95, 10 fields: ${formatRatio(small!.tessera / small!.bare)}; load ${loadLine()}`,
  );
} finally {
  await browser?.close();
  await server.close();
}
