#!/usr/bin/env node
// `tessera …` (npm run tessera -- …): the implementers' command line, run through tsx.
import { spawn } from 'node:child_process';
import { root } from './ensure.mjs';

// Run from the repository, where tsx resolves; paths the user typed stay relative to where they
// typed them (npm passes that folder as INIT_CWD).
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'server/src/cli/main.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TESSERA_CWD: process.env.INIT_CWD ?? process.cwd() },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
