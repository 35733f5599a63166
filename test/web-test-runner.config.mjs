// Browser tests: *.browser.test.ts files anywhere in the workspace, run in Debian's Chromium.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { commonJsAsEsm } from './commonjs-as-esm-plugin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Counts passed and failed tests for test/run.mjs's closing line. */
function countingReporter() {
  const count = (suite, totals) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) continue;
      if (test.passed) totals.passed += 1;
      else totals.failed += 1;
    }
    for (const inner of suite?.suites ?? []) count(inner, totals);
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // a file that failed to load has no results but errors
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed += 1;
      }
      if (process.env.TESSERA_BROWSER_RESULTS) {
        writeFileSync(process.env.TESSERA_BROWSER_RESULTS, JSON.stringify(totals));
      }
    },
  };
}

export default {
  rootDir: root,
  files: ['**/test/**/*.browser.test.ts', '!**/node_modules/**'],
  nodeResolve: { exportConditions: ['browser', 'import', 'default'] },
  concurrency: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 120000,
  reporters: [defaultReporter(), summaryReporter(), countingReporter()],
  plugins: [
    commonJsAsEsm(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.json') }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
};
