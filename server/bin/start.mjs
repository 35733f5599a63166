#!/usr/bin/env node
// `npm start`: install what is missing, build, and run Tessera on embedded storage.
import { spawn, spawnSync } from 'node:child_process';
import { ensureDependencies, ensurePnpm, root } from './ensure.mjs';

ensurePnpm();
ensureDependencies();
const build = spawnSync(
  'pnpm',
  ['--recursive', '--if-present', '--reporter=silent', 'run', 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
