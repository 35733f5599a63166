import type { PouchLocation } from './pouch-options.ts';
import { createPouchStorage, type PouchStorage } from './pouch-storage.ts';

/**
 * Where shared data lives (DESIGN decision 5): with `COUCHDB_URL` set, in that CouchDB server's
 * database `COUCHDB_DATABASE` (default `tessera`); otherwise embedded on disk under `dataDir`.
 */
export function storageLocationFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): PouchLocation {
  const url = env.COUCHDB_URL?.trim();
  if (url) return { kind: 'couchdb', url, database: env.COUCHDB_DATABASE?.trim() || 'tessera' };
  return { kind: 'embedded', path: `${dataDir.replace(/[\\/]+$/, '')}/pouchdb/tessera` };
}

export function storageFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<PouchStorage> {
  return createPouchStorage(storageLocationFromEnv(env, dataDir));
}
