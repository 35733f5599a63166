/**
 * B9 — the end-user app's bundle: initial JavaScript (gzip) and load time at 4× CPU throttle.
 *
 * 1. Build: `node web/build.mjs --force` (Vite, output web/dist). With B9_ISOLATED=1 the same
 *    Vite config builds into .tmp/bench-b9/dist instead (for when someone else is serving
 *    web/dist at the time: the forced build empties it); the bundle is the same.
 * 2. Initial JavaScript: the entry script that dist/index.html references plus every module it
 *    imports statically, followed transitively through the built files (`import … from "./x.js"`,
 *    `import "./x.js"`, `export … from "./x.js"`); dynamic `import()` chunks load lazily and are
 *    not counted. Each file gzipped alone (node:zlib, level 9), sizes summed.
 *    Target: ≤ 150 KB gzip. The other chunks are listed with their gzip sizes.
 * 3. Load time, reported without a target: dist served by a static server on 127.0.0.1 whose
 *    `/api/auth/me` answers 401 (so the app shows its sign-in page) and whose other paths fall
 *    back to index.html; Chromium with CDP `Emulation.setCPUThrottlingRate { rate: 4 }`; from
 *    navigation start (performance.timeOrigin) to the sign-in form's username input being
 *    visible, found by a check in every animation frame. Median of 5 cold loads, a fresh
 *    browser context each (empty cache, no service worker).
 *
 * Run: `node --import tsx test/bench/b9-bundle.ts` (or `npm run bench -- b9`).
 * B9_LOADS overrides the number of loads (default 5).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium, ROOT, serveStatic } from './lib/browser.ts';
import {
  formatMs,
  loadLine,
  median,
  printHeader,
  printTable,
  verdictAtMost,
} from './lib/report.ts';

const LOADS = Number(process.env.B9_LOADS ?? 5);
const ISOLATED = process.env.B9_ISOLATED === '1';
const TARGET_KB = 150;
const THROTTLE = 4;

if (!Number.isInteger(LOADS) || LOADS < 1) throw new Error('B9: B9_LOADS must be ≥ 1');

printHeader('B9 — bundle size and load time of the end-user app');

// ---------------------------------------------------------------------------------------------
// 1. Build

const dist = ISOLATED ? join(ROOT, '.tmp', 'bench-b9', 'dist') : join(ROOT, 'web', 'dist');
const started = performance.now();
const built = ISOLATED
  ? spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { build } from 'vite';
         await build({ configFile: ${JSON.stringify(join(ROOT, 'web', 'vite.config.ts'))},
           logLevel: 'warn', build: { outDir: ${JSON.stringify(dist)}, emptyOutDir: true } });`,
      ],
      { cwd: join(ROOT, 'web'), stdio: 'inherit' },
    )
  : spawnSync(process.execPath, [join(ROOT, 'web', 'build.mjs'), '--force'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
if (built.status !== 0) throw new Error(`B9: the build failed (exit code ${built.status})`);
console.log(
  `built ${ISOLATED ? 'with web/vite.config.ts into .tmp/bench-b9/dist' : 'with node web/build.mjs --force into web/dist'} in ${formatMs(performance.now() - started)}`,
);

// ---------------------------------------------------------------------------------------------
// 2. Initial JavaScript

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map(
  (match) => match[1]!,
);
if (entries.length !== 1)
  throw new Error(`B9: expected one module script in index.html, found ${entries.length}`);

/** Static imports and re-exports of relative modules; `import("…")` has a parenthesis and is left out. */
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

const gzipKb = (bytes: Buffer) =>
  gzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { level: 9 }).length /
  1024;
const toFile = (url: string) => join(dist, ...url.replace(/^\//, '').split('/'));

const initial = new Map<string, { raw: number; gzip: number }>();
const dynamic = new Set<string>();
const queue = [entries[0]!];
while (queue.length > 0) {
  const url = queue.shift()!;
  if (initial.has(url)) continue;
  const file = toFile(url);
  if (!existsSync(file)) throw new Error(`B9: ${url} is imported but not in dist`);
  const bytes = readFileSync(file);
  initial.set(url, { raw: bytes.length / 1024, gzip: gzipKb(bytes) });
  const source = bytes.toString('utf8');
  const base = posix.dirname(url);
  for (const match of source.matchAll(STATIC_IMPORT)) queue.push(posix.join(base, match[1]!));
  for (const match of source.matchAll(DYNAMIC_IMPORT)) dynamic.add(posix.join(base, match[1]!));
}

const kb = (n: number) => `${n.toFixed(1)} KB`;
const initialRows = [...initial].map(([url, size]) => [url, kb(size.raw), kb(size.gzip)]);
const initialGzip = [...initial.values()].reduce((sum, one) => sum + one.gzip, 0);
const initialRaw = [...initial.values()].reduce((sum, one) => sum + one.raw, 0);
console.log(`\ninitial JavaScript (${initial.size} files, entry ${entries[0]}):`);
printTable([
  ['file', 'raw', 'gzip -9'],
  ...initialRows,
  ['total', kb(initialRaw), kb(initialGzip)],
]);

const ui = join(dist, 'ui');
const lazy = readdirSync(ui)
  .filter((name) => name.endsWith('.js') && !initial.has(`/ui/${name}`))
  .map((name) => {
    const bytes = readFileSync(join(ui, name));
    return { url: `/ui/${name}`, raw: bytes.length / 1024, gzip: gzipKb(bytes) };
  })
  .sort((a, b) => b.gzip - a.gzip);
console.log(`\nlazy chunks (${lazy.length}; * = named by a dynamic import() of an initial file):`);
printTable([
  ['chunk', 'raw', 'gzip -9'],
  ...lazy.map((one) => [
    `${one.url}${dynamic.has(one.url) ? ' *' : ''}`,
    kb(one.raw),
    kb(one.gzip),
  ]),
  [
    'total',
    kb(lazy.reduce((sum, one) => sum + one.raw, 0)),
    kb(lazy.reduce((sum, one) => sum + one.gzip, 0)),
  ],
]);
const css = readdirSync(ui).filter((name) => name.endsWith('.css'));
for (const name of css)
  console.log(`(css, not counted) /ui/${name}: ${kb(gzipKb(readFileSync(join(ui, name))))} gzip`);
console.log(`\n${verdictAtMost('initial JavaScript, gzip', initialGzip, TARGET_KB, kb)}`);

// ---------------------------------------------------------------------------------------------
// 3. Load time to the sign-in form at 4× CPU throttle

const server = await serveStatic(dist, {
  fallback: 'index.html',
  handle(request, response) {
    if (!request.url?.startsWith('/api/')) return false;
    const body = JSON.stringify({ error: { code: 'auth.required', message: 'sign in' } });
    response.writeHead(401, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(body);
    return true;
  },
});

/**
 * In every frame, looks for a visible `input[name=username]` through open shadow roots and
 * records when it first is (a string: tsx would wrap a serialised function's inner functions in
 * a helper the page does not have).
 */
const WATCH_USERNAME = `(() => {
  const find = (root) => {
    const hit = root.querySelector('input[name="username"]');
    if (hit) return hit;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot && find(element.shadowRoot);
      if (inner) return inner;
    }
    return undefined;
  };
  const check = () => {
    const input = find(document);
    if (input && input.checkVisibility() && input.getBoundingClientRect().width > 0) {
      window.usernameVisibleAt = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

let browser: Browser | undefined;
try {
  browser = await launchChromium();
  const times: number[] = [];
  for (let load = 0; load <= LOADS; load++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await context.addInitScript({ content: WATCH_USERNAME });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const scripts: string[] = [];
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/ui/') && path.endsWith('.js')) scripts.push(path);
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      await page.goto(`${server.url}/`);
      const handle = await page.waitForFunction(
        () => (window as unknown as { usernameVisibleAt?: number }).usernameVisibleAt,
        undefined,
        { timeout: 60_000 },
      );
      const ms = (await handle.jsonValue()) as number;
      if (!page.url().includes('/login'))
        throw new Error(`B9: the app went to ${page.url()}, not /login`);
      if (errors.length > 0) throw new Error(`B9: page errors: ${errors.join('; ')}`);
      if (load === 0) {
        console.log(`\nwarm-up load (not counted): ${formatMs(ms)}`);
        const sizes = new Map([...initial, ...lazy.map((one) => [one.url, one] as const)]);
        const fetched = scripts.map((path) => `${path} (${kb(sizes.get(path)?.gzip ?? 0)} gzip)`);
        console.log(`scripts fetched until the sign-in form showed: ${fetched.join(', ')}`);
        continue;
      }
      times.push(ms);
      console.log(
        `load ${load}: ${formatMs(ms)} to the visible username input; load ${loadLine()}`,
      );
    } finally {
      await context.close();
    }
  }
  console.log(
    `\nnavigation start → sign-in username input visible, CPU throttled ${THROTTLE}×, median of ${LOADS} cold loads: ${formatMs(median(times))} (min ${formatMs(Math.min(...times))}, max ${formatMs(Math.max(...times))}); reported, no target`,
  );
} finally {
  await browser?.close();
  await server.close();
}
