/**
 * Shared pieces of the browser benchmarks (B3, B4, B9): Debian's Chromium through
 * playwright-core, a tiny static file server on 127.0.0.1, and an esbuild bundler for pages.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface StaticOptions {
  /** Answers a request before the files do (return true when it answered). */
  readonly handle?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Served for a path without a file (a single-page app's routes). */
  readonly fallback?: string;
}

/** Serves the files under `dir` on 127.0.0.1 at a free port, without caching. */
export async function serveStatic(dir: string, options: StaticOptions = {}): Promise<StaticServer> {
  const base = resolve(dir);
  const server = createServer((request, response) => {
    if (options.handle?.(request, response)) return;
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      if (!options.fallback || extname(path) !== '') {
        response.writeHead(404).end();
        return;
      }
      file = join(base, options.fallback);
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The part of esbuild's API used here (esbuild comes with @web/dev-server-esbuild). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ errors: unknown[]; warnings: unknown[] }>;
}

function loadEsbuild(): Esbuild {
  const fromTest = createRequire(join(ROOT, 'test', 'package.json'));
  const viaPlugin = createRequire(fromTest.resolve('@web/dev-server-esbuild'));
  return viaPlugin('esbuild') as Esbuild;
}

/**
 * Bundles browser entry files (ESM, es2022) into `outdir`. Workspace packages resolve through
 * test/node_modules, lit and formily through the runtime's node_modules (one copy of each).
 */
export async function bundlePages(entryPoints: Record<string, string>, outdir: string) {
  const esbuild = loadEsbuild();
  const result = await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { global: 'globalThis' },
    nodePaths: [join(ROOT, 'test', 'node_modules'), join(ROOT, 'runtime', 'node_modules')],
    minify: process.env.BENCH_MINIFY !== '0',
    logLevel: 'silent',
  });
  if (result.errors.length > 0) throw new Error(`esbuild: ${JSON.stringify(result.errors)}`);
}

/** The p-th percentile (nearest rank) of some measurements. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
