#!/usr/bin/env node
// Runs the benchmark programs under test/bench (files `b<N>-<name>.ts`), one after another,
// each as `node --import tsx <file>`, streaming their output. Exits non-zero if one fails
// (crashes, or finds engines disagreeing). A missed target is reported as MISS, not a failure.
// Not part of `npm test`. Usage: `npm run bench` or `npm run bench -- b8` (names containing b8).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const filters = process.argv.slice(2);

const order = (name) => Number(/^b(\d+)-/.exec(name)?.[1] ?? Number.POSITIVE_INFINITY);
const files = readdirSync(here)
  .filter((name) => /^b\d+-.+\.ts$/.test(name))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort((a, b) => order(a) - order(b) || a.localeCompare(b));

if (files.length === 0) {
  console.error(`bench: no benchmark matches ${filters.join(', ') || 'b*-*.ts'}`);
  process.exit(1);
}

function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      console.error(`bench: could not start ${file}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const failed = [];
const started = performance.now();
for (const file of files) {
  console.log(`\n▶ ${relative(root, join(here, file))}`);
  const code = await run(file);
  if (code !== 0) {
    failed.push(file);
    console.error(`✖ ${file} failed (exit code ${code})`);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\nbench: ${files.length} benchmark(s), ${files.length - failed.length} passed, ${failed.length} failed (${seconds} s)`,
);
process.exit(failed.length > 0 ? 1 : 0);
