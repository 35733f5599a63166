import { loadPouch, type PouchDatabase } from './pouch-database.ts';
import { toStorageError } from './pouch-errors.ts';
import type { PouchLocation } from './pouch-options.ts';
import { StorageError } from './storage-port.ts';

export interface OpenedDatabase {
  readonly db: PouchDatabase;
  readonly remote: boolean;
  /** A path, `memory:name` or the database URL without credentials: for messages. */
  readonly location: string;
  /** False when the server refused `_revs_limit` (pouchdb-server 4 has no such endpoint). */
  readonly revsLimitEnforced: boolean;
}

const json = (): Headers => new Headers({ 'Content-Type': 'application/json' });

function databaseUrl(url: string, database: string): string {
  return `${url.replace(/\/+$/, '')}/${encodeURIComponent(database)}`;
}

function withoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StorageError(`"${url.replace(/\/\/[^@/]*@/, '//')}" is not a CouchDB URL`, 400);
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

/** Opens (and creates when missing) the database, with `revsLimit` set on it. */
export async function openDatabase(
  location: PouchLocation,
  revsLimit: number,
): Promise<OpenedDatabase> {
  if (location.kind === 'couchdb') return openRemote(location.url, location.database, revsLimit);
  const Pouch = await loadPouch(location.kind === 'memory');
  const memory = location.kind === 'memory';
  let where = memory ? `memory:${location.name}` : location.path;
  try {
    if (!memory) {
      // Node modules load here, not at the top, so the runtime's index also loads in a browser.
      const [{ dirname, resolve }, { mkdir }] = await Promise.all([
        import('node:path'),
        import('node:fs/promises'),
      ]);
      where = resolve(where);
      // LevelDB fails with "IO error: …/LOCK" when the parent directory does not exist.
      await mkdir(dirname(where), { recursive: true });
    }
    const db = memory
      ? new Pouch(location.name, { adapter: 'memory', revs_limit: revsLimit })
      : new Pouch(where, { revs_limit: revsLimit });
    await db.info();
    return { db, remote: false, location: where, revsLimitEnforced: true };
  } catch (error) {
    throw toStorageError(error, `open database ${where}`);
  }
}

async function openRemote(url: string, database: string, revsLimit: number) {
  const full = databaseUrl(url, database);
  const where = withoutCredentials(full);
  const Pouch = await loadPouch(false);
  const db = new Pouch(full, {});
  try {
    await db.info(); // creates the database when missing
    const response = await remoteFetch(db, '_revs_limit', 'PUT', String(revsLimit));
    await response.text();
    return { db, remote: true, location: where, revsLimitEnforced: response.ok };
  } catch (error) {
    throw toStorageError(error, `open database ${where}`);
  }
}

function remoteFetch(db: PouchDatabase, path: string, method: string, body?: string) {
  if (!db.fetch) throw new StorageError('the HTTP adapter of PouchDB has no fetch()');
  return db.fetch(
    path,
    body === undefined ? { method, headers: json() } : { method, headers: json(), body },
  );
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Compacts: locally PouchDB drops the bodies of old revisions; on CouchDB `_compact` starts the
 * server's compaction, and this waits until the server reports it finished or `waitMs` passed.
 */
export async function compactDatabase(opened: OpenedDatabase, waitMs: number): Promise<void> {
  const { db, location } = opened;
  try {
    if (!opened.remote) {
      await db.compact();
      return;
    }
    const response = await remoteFetch(db, '_compact', 'POST');
    const answer = await response.text();
    if (!response.ok) {
      throw new StorageError(
        `compact ${location} failed: HTTP ${response.status} ${answer}`,
        response.status,
      );
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const info = await db.info();
      if (info.compact_running !== true) return;
      await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
    }
  } catch (error) {
    throw toStorageError(error, `compact ${location}`);
  }
}

/** Closes the database and the index views PouchDB opened beside it (each holds a LevelDB lock). */
export async function closeDatabase(opened: OpenedDatabase): Promise<void> {
  const { db, location } = opened;
  try {
    // pouchdb-abstract-mapreduce keeps each view's database in `_cachedViews` and never closes it.
    const views: unknown = (db as { _cachedViews?: unknown })._cachedViews;
    for (const pending of Object.values(typeof views === 'object' && views !== null ? views : {})) {
      const view: unknown = await Promise.resolve(pending).catch(() => undefined);
      const viewDb: unknown =
        typeof view === 'object' && view !== null ? (view as { db?: unknown }).db : undefined;
      if (
        typeof viewDb === 'object' &&
        viewDb !== null &&
        'close' in viewDb &&
        typeof viewDb.close === 'function'
      ) {
        await viewDb.close();
      }
    }
    await db.close();
  } catch (error) {
    throw toStorageError(error, `close ${location}`);
  }
}
