#!/usr/bin/env node
// `npm test`: install what is missing, then every check: format + lint, typecheck, Node
// tests, browser tests (Chromium), end-to-end tests. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureChromium, ensureDependencies, ensurePnpm, root } from '../server/bin/ensure.mjs';
import { typecheck } from './typecheck.mjs';

const scratch = join(root, '.tmp', 'test-run');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });

ensurePnpm();
ensureDependencies();
ensureChromium();

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function step(name, ok) {
  console.log(`\n${ok ? '✔' : '✘'} ${name}`);
  if (!ok) problems.push(name);
}

function banner(name) {
  console.log(`\n━━ ${name} ━━`);
}

function findTests(dir, accept, found = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, accept, found);
    else if (accept(entry, path)) found.push(relative(root, path));
  }
  return found.sort();
}

/** Runs Node's test runner on files; counts come from its TAP output. */
function nodeTests(name, files) {
  banner(name);
  if (files.length === 0) {
    step(`${name}: no test files`, false);
    return;
  }
  const tap = join(scratch, `${name.replace(/\W+/g, '-')}.tap`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
  );
  const text = readFileSync(tap, 'utf8');
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped');
  step(
    `${name}: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed`,
    result.status === 0,
  );
}

function browserTests() {
  banner('browser tests (Chromium)');
  const results = join(scratch, 'browser-results.json');
  const wtr = join(root, 'test', 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  const result = spawnSync(process.execPath, [wtr, '--config', 'test/web-test-runner.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TESSERA_BROWSER_RESULTS: results },
  });
  let counts = { passed: 0, failed: 0 };
  try {
    counts = JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    counts.failed += 1;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  // the runner's exit code is the truth: a module that failed to import still "passes" its summary
  step(
    `browser tests: ${counts.passed} passed, ${counts.failed} failed`,
    result.status === 0 && counts.failed === 0,
  );
}

banner('format + lint (biome)');
const biome = spawnSync(
  process.execPath,
  [join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'check', '.'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
step('format + lint', biome.status === 0);

banner('typecheck');
step('typecheck', typecheck());

const isBrowser = (name) => name.endsWith('.browser.test.ts');
const isE2e = (name) => name.endsWith('.e2e.test.ts');
nodeTests(
  'node tests',
  ['core', 'plugins', 'runtime', 'server', 'designer', 'web', 'templates', 'test'].flatMap((dir) =>
    findTests(
      join(root, dir),
      (name) => name.endsWith('.test.ts') && !isBrowser(name) && !isE2e(name),
    ),
  ),
);
browserTests();
nodeTests('end-to-end tests', findTests(join(root, 'test'), isE2e));

console.log(problems.length === 0 ? '\nAll checks passed.' : `\nFailed: ${problems.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length === 0 ? 0 : 1);
