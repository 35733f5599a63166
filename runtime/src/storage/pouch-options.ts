import type { Selector } from './storage-port.ts';

/** Where the documents live. */
export type PouchLocation =
  /** PouchDB on LevelDB in the directory `path` (its parent is created when missing). */
  | { readonly kind: 'embedded'; readonly path: string }
  /** PouchDB in memory (pouchdb-adapter-memory, a dev dependency): for fast tests. */
  | { readonly kind: 'memory'; readonly name: string }
  /** A CouchDB-protocol server over HTTP: Apache CouchDB, or pouchdb-server in tests. */
  | { readonly kind: 'couchdb'; readonly url: string; readonly database: string };

export interface PouchTuning {
  /** Revisions remembered per document (default 20); older ones are stemmed. */
  readonly revsLimit?: number;
  /** How long `compact()` waits for a CouchDB server to finish compacting (default 60 s). */
  readonly compactWaitMs?: number;
  /** Called after every `_find` request, for metrics and for tests that watch for warnings. */
  readonly onQuery?: (event: QueryEvent) => void;
}

export type PouchStorageOptions = PouchLocation & PouchTuning;

/** One `_find` request as sent, and how it went. */
export interface QueryEvent {
  readonly index: string;
  readonly selector: Selector;
  readonly rows: number;
  readonly ms: number;
  /** The warning the database attached to its answer, if any. */
  readonly warning?: string;
  /** Set when the query failed (for example refused for want of an index). */
  readonly error?: string;
}

export const defaultRevsLimit = 20;
export const defaultCompactWaitMs = 60_000;
