/** The slice of PouchDB the adapter uses, typed locally (results are `unknown` until narrowed). */
export interface PouchDatabase {
  info(): Promise<Record<string, unknown>>;
  get(id: string, options?: Readonly<Record<string, unknown>>): Promise<unknown>;
  put(doc: object): Promise<PouchWriteResponse>;
  bulkDocs(
    docs: readonly object[],
    options?: Readonly<Record<string, unknown>>,
  ): Promise<readonly unknown[]>;
  remove(id: string, rev: string): Promise<PouchWriteResponse>;
  getAttachment(
    id: string,
    name: string,
    options?: Readonly<Record<string, unknown>>,
  ): Promise<unknown>;
  allDocs(options: Readonly<Record<string, unknown>>): Promise<{ rows: readonly unknown[] }>;
  find(request: PouchFindRequest): Promise<{ docs: readonly unknown[]; warning?: string }>;
  createIndex(request: { index: Readonly<Record<string, unknown>> }): Promise<unknown>;
  getIndexes(): Promise<{ indexes: readonly PouchIndexInfo[] }>;
  compact(): Promise<unknown>;
  close(): Promise<void>;
  /** Only on the HTTP adapter: a request relative to the database URL, with its credentials. */
  fetch?(
    path: string,
    init: { method: string; headers?: Headers; body?: string },
  ): Promise<{
    ok: boolean;
    status: number;
    text(): Promise<string>;
  }>;
}

export interface PouchWriteResponse {
  readonly id: string;
  readonly rev: string;
}

export interface PouchFindRequest {
  readonly selector: Readonly<Record<string, unknown>>;
  readonly sort: readonly Readonly<Record<string, 'asc' | 'desc'>>[];
  readonly limit: number;
  readonly use_index: readonly [string, string];
  readonly fields?: readonly string[];
}

export interface PouchIndexInfo {
  readonly ddoc: string | null;
  readonly name: string;
  readonly type: string;
  readonly def: { readonly fields: readonly Readonly<Record<string, string>>[] };
}

/** A stored document as PouchDB returns it. */
export type PouchDocument = Record<string, unknown> & { _id: string; _rev: string };

export function isPouchDocument(value: unknown): value is PouchDocument {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields._id === 'string' && typeof fields._rev === 'string';
}

interface PouchConstructor {
  new (name: string, options: Readonly<Record<string, unknown>>): PouchDatabase;
  plugin(plugin: unknown): unknown;
}

let pouchClass: Promise<PouchConstructor> | undefined;
let memoryAdapter: Promise<unknown> | undefined;

/**
 * PouchDB with pouchdb-find, loaded on first use (so importing the runtime does not load it).
 * The memory adapter is a dev dependency: it is loaded only when a memory database is opened.
 */
export async function loadPouch(memory: boolean): Promise<PouchConstructor> {
  pouchClass ??= (async () => {
    const [{ default: PouchDB }, { default: find }] = await Promise.all([
      import('pouchdb'),
      import('pouchdb-find'),
    ]);
    const Pouch = PouchDB as unknown as PouchConstructor;
    Pouch.plugin(find);
    return Pouch;
  })();
  const Pouch = await pouchClass;
  if (memory) {
    memoryAdapter ??= import('pouchdb-adapter-memory').then((module) =>
      Pouch.plugin(module.default),
    );
    await memoryAdapter;
  }
  return Pouch;
}
