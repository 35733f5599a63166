/**
 * B3 — form mount: time to interactive of a 1,000-field form in Chromium.
 *
 * The form: 1,000 fields in 20 sections of 50, 2 columns, no tabs, types rotated text → number
 * → money → date → select → long-text (test/bench/lib/big-form.ts). Sides, each a page bundled
 * with esbuild into .tmp/bench-b3/ and served from a node:http server on 127.0.0.1:
 *   - tessera: `<tessera-form>` with the basic field renderers (`defineFieldElements()`), the
 *     platform from `createPlatform({ plugins: [fieldBasic] })`, built from platform + app +
 *     form as a page does. Its runtime creates formily fields per shown section (`lazy`, the
 *     default); with no tabs every section is shown, so all 1,000 are created (checked);
 *   - floor: one bare Lit element rendering the same labelled inputs in the same sections and
 *     grid, plus formily's `createForm()` and `createField()` for every field.
 * Time to interactive, measured in the page: performance.now() before creating the element →
 * the last field's input is in the DOM (every element's update done) and a task after the next
 * animation frame ran (painted). Fresh page per round, sides alternating, medians reported;
 * the verdict is on the median of the rounds' ratios (each round's two mounts back to back).
 * Target: Tessera ≤ floor × 1.2. Then one 5,000-field mount per side: all 5,000 inputs rendered.
 *
 * Run: `node --import tsx test/bench/b3-form-mount.ts` (or `npm run bench -- b3`).
 * B3_ROUNDS overrides the rounds (default 9).
 */
import type { Browser } from 'playwright-core';
import { launchChromium, serveStatic } from './lib/browser.ts';
import { buildFormPages } from './lib/form-pages.ts';
import type { MountResult } from './lib/page-probes.ts';
import {
  formatMs,
  formatRatio,
  loadLine,
  median,
  printHeader,
  printTable,
  verdictAtMost,
} from './lib/report.ts';

const ROUNDS = Number(process.env.B3_ROUNDS ?? 9);
const FIELDS = 1_000;
const BIG = 5_000;
const TARGET = 1.2;
const SIDES = ['tessera', 'bare'] as const;
type Side = (typeof SIDES)[number];
const NAMES: Record<Side, string> = {
  tessera: 'tessera <tessera-form>',
  bare: 'floor (Lit + formily)',
};

if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('B3: B3_ROUNDS must be ≥ 1');

printHeader('B3 — form mount (time to interactive, Chromium)');
const dir = await buildFormPages('bench-b3');
const server = await serveStatic(dir);
let browser: Browser | undefined;

async function mountOnce(side: Side, n: number): Promise<MountResult> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/${side}.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    const result = await page.evaluate((count) => window.bench.mount(count, {}), n);
    if (errors.length > 0) throw new Error(`B3 ${side}: page errors: ${errors.join('; ')}`);
    if (result.inputs !== n) throw new Error(`B3 ${side}: ${result.inputs} inputs, not ${n}`);
    if (result.formilyFields !== n) {
      throw new Error(`B3 ${side}: ${result.formilyFields} formily fields, not ${n}`);
    }
    return result;
  } finally {
    await context.close();
  }
}

try {
  browser = await launchChromium();
  console.log(`chromium ${browser.version()}; ${FIELDS} fields, ${ROUNDS} rounds after a warm-up`);
  for (const side of SIDES) await mountOnce(side, FIELDS); // warm-up: caches, JIT of the server
  const times: Record<Side, number[]> = { tessera: [], bare: [] };
  const floorFormily: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? SIDES : ([...SIDES].reverse() as Side[]);
    for (const side of order) {
      const result = await mountOnce(side, FIELDS);
      times[side].push(result.ms);
      if (result.formilyMs !== undefined) floorFormily.push(result.formilyMs);
    }
    ratios.push(times.tessera[round]! / times.bare[round]!);
    console.log(
      `round ${round + 1}: tessera ${formatMs(times.tessera[round]!)}, floor ${formatMs(times.bare[round]!)}, ratio ${formatRatio(ratios[round]!)}; load ${loadLine()}`,
    );
  }

  console.log('');
  printTable([
    ['side', `median (${FIELDS} fields)`, 'min', 'max', 'per field'],
    ...SIDES.map((side) => [
      NAMES[side],
      formatMs(median(times[side])),
      formatMs(Math.min(...times[side])),
      formatMs(Math.max(...times[side])),
      formatMs(median(times[side]) / FIELDS),
    ]),
  ]);
  console.log(
    `floor: createForm + ${FIELDS} × createField alone, median ${formatMs(median(floorFormily))} (${Math.round((100 * median(floorFormily)) / median(times.bare))}% of its time to interactive)`,
  );
  // the verdict is read on the rounds' ratios: each round's two mounts ran back to back
  const ratio = median(ratios);
  const range = `${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))}`;
  const ofMedians = formatRatio(median(times.tessera) / median(times.bare));
  console.log(
    `\nmedian of the round ratios ${formatRatio(ratio)} (range ${range}); ratio of the medians ${ofMedians}`,
  );
  console.log(
    verdictAtMost('tessera / floor, time to interactive (median of round ratios)', ratio, TARGET),
  );

  console.log(`\n${BIG} fields, once per side:`);
  const big: string[][] = [['side', 'time to interactive', 'inputs', 'formily fields']];
  for (const side of SIDES) {
    const result = await mountOnce(side, BIG);
    big.push([
      NAMES[side],
      formatMs(result.ms),
      String(result.inputs),
      String(result.formilyFields),
    ]);
  }
  printTable(big);
  console.log(`all ${BIG} inputs rendered on both sides, no page error; load ${loadLine()}`);
} finally {
  await browser?.close();
  await server.close();
}
