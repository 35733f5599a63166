#!/usr/bin/env node
// Type-checks every package against its own tsconfig (core without DOM or Node types).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../server/bin/ensure.mjs';

export function tsconfigs() {
  const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const patterns = [...workspace.matchAll(/^\s*-\s*(\S+)\s*$/gm)].map((match) => match[1]);
  const dirs = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of spawnSync('ls', [parent], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)) {
        dirs.push(join(pattern.slice(0, -2), entry));
      }
    } else dirs.push(pattern);
  }
  const configs = [];
  for (const dir of dirs) {
    for (const name of ['tsconfig.json', 'test/tsconfig.json']) {
      if (existsSync(join(root, dir, name))) configs.push(join(dir, name));
    }
  }
  return configs;
}

export function typecheck() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  let failed = 0;
  for (const config of tsconfigs()) {
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', config], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      failed += 1;
      console.error(`typecheck failed: ${config}`);
    }
  }
  return failed === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(typecheck() ? 0 : 1);
