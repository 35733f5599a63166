#!/usr/bin/env node
// `pnpm run build` (from `npm start`): builds the app with Vite unless dist/ is newer than
// every source file, so a restart does not rebuild what did not change.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'dist', 'index.html');

/** The newest modification time under the folders the bundle is made from. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const sources = ['web', 'runtime/src', 'core/src', 'plugins'].map((dir) => join(here, '..', dir));
const fresh =
  existsSync(stamp) &&
  process.argv[2] !== '--force' &&
  statSync(stamp).mtimeMs > Math.max(...sources.map(newest));
if (!fresh) {
  await build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn' });
  writeServiceWorker();
}

/** `dist/sw.js`: the service worker, with the bundle's files to keep and a version of them. */
function writeServiceWorker() {
  const ui = join(here, 'dist', 'ui');
  const assets = readdirSync(ui)
    .sort()
    .map((name) => `/ui/${name}`);
  const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
  const source = readFileSync(join(here, 'service-worker.js'), 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace('__ASSETS__', JSON.stringify(assets));
  writeFileSync(join(here, 'dist', 'sw.js'), source);
}
