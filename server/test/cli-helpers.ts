import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { storageFromEnv } from '@tessera/runtime';
import type { Hono } from 'hono';
import { type ApiEnv, createApp } from '../src/index.ts';
import { ensureStorageIndexes } from '../src/storage/storage-indexes.ts';
import { testPlatform } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `node server/bin/tessera.mjs …` on the embedded data folder `dataDir`, from `cwd`. */
export function tessera(
  args: readonly string[],
  options: { readonly dataDir: string; readonly cwd: string; readonly input?: string },
) {
  return spawnSync(process.execPath, ['server/bin/tessera.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    input: options.input ?? '',
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      INIT_CWD: options.cwd,
      COUCHDB_URL: '',
      LANG: 'C.UTF-8',
      LC_ALL: '',
      LC_MESSAGES: '',
    },
    timeout: 90_000,
  });
}

/**
 * Opens the data folder a command wrote (after it exited: one process at a time) with the
 * server's indexes and an app over it, and closes it after `use`.
 */
export async function withDataDir<R>(
  dataDir: string,
  use: (app: Hono<ApiEnv>, storage: Awaited<ReturnType<typeof storageFromEnv>>) => Promise<R>,
): Promise<R> {
  const storage = await storageFromEnv({}, dataDir);
  try {
    await ensureStorageIndexes(storage);
    return await use(createApp({ platform: testPlatform, storage }), storage);
  } finally {
    await storage.close();
  }
}
