/**
 * The storage port: the one interface the rest of Tessera uses for shared data (definitions,
 * records, flow instances, tasks, accounts, audit). One adapter implements it over PouchDB —
 * embedded on disk by default, Apache CouchDB when COUCHDB_URL is set (decision 0002).
 */

/** Fields every stored document has. `_id` is sortable by creation time within its type. */
export interface StoredMeta {
  readonly _id: string;
  readonly _rev: string;
  /** The kind of document: `record`, `user`, `department`, `session`, `audit`, `app` … */
  readonly type: string;
  /** The app and table a record belongs to, and the app version it was made with. */
  readonly app?: string;
  readonly table?: string;
  readonly appVersion?: number;
}

export type Stored<T> = T & StoredMeta;

/** A document to create: `type` is required; `_id` is generated unless given. */
export type NewDocument<T> = T & { readonly type: string; readonly _id?: string };

export interface WriteResult {
  readonly id: string;
  readonly rev: string;
}

/** What a create answers: with an idempotency key, also whether an earlier call wrote it. */
export interface CreateResult extends WriteResult {
  /** The document was written by an earlier create with the same key; this call wrote nothing. */
  readonly replayed?: true;
}

/** A Mango selector (CouchDB's `_find` language); only fields covered by an index may lead it. */
export type Selector = Readonly<Record<string, unknown>>;

export interface FindQuery {
  readonly selector: Selector;
  /** Sort fields, each ascending or descending; the index must cover them in this order. */
  readonly sort?: readonly (string | Readonly<Record<string, 'asc' | 'desc'>>)[];
  /** Page size (default 50, at most 1000). */
  readonly limit?: number;
  /** The `next` cursor of the previous page; never a skip count. */
  readonly cursor?: string;
  /** Name of the index to use (design document name); required, so no query scans everything. */
  readonly index: string;
  readonly fields?: readonly string[];
}

export interface Page<T> {
  readonly docs: readonly Stored<T>[];
  /** Cursor of the next page; absent on the last page. */
  readonly next?: string;
}

/** A Mango index: fields in order; `partial` limits it to documents matching a selector. */
export interface IndexDefinition {
  readonly name: string;
  readonly fields: readonly string[];
  readonly partial?: Selector;
}

export interface CreateOptions {
  /** A retried create with the same key returns the first result and writes nothing. */
  readonly idempotencyKey?: string;
  /** Binary attachments written with the document, in the same revision (by name). */
  readonly attachments?: Readonly<Record<string, BinaryAttachment>>;
}

/**
 * Bytes stored on a document (a PouchDB/CouchDB attachment), so every server on the shared
 * database reads them. Later revisions keep them as long as `_attachments` is carried along,
 * as `update` of a read document and `mutate` do.
 */
export interface BinaryAttachment {
  readonly contentType: string;
  readonly data: Uint8Array;
}

export interface MutateOptions {
  /** How often to re-read and re-apply on a revision conflict before reporting it (default 5). */
  readonly retries?: number;
  /**
   * The longest pause before a retry, in ms (default 50). Retry `n` waits a random time below
   * min(maxPauseMs, 2^n) ms, so racing writers spread out instead of colliding again; 0 retries
   * at once.
   */
  readonly maxPauseMs?: number;
}

/**
 * What `mutate` applies to the document it read: the next version to write, or undefined to
 * write nothing. It may be async (read other documents before deciding). It runs once per try:
 * after a conflict, again with the document as it is then.
 */
export type MutateChange<T> = (
  current: Stored<T>,
) => Stored<T> | undefined | Promise<Stored<T> | undefined>;

export interface StoragePort {
  /** `embedded` (PouchDB on disk or in memory) or `couchdb`. */
  readonly kind: 'embedded' | 'couchdb';
  get<T>(id: string): Promise<Stored<T> | undefined>;
  /** Creates a document; a second create of the same `_id` fails with ConflictError. */
  create<T>(doc: NewDocument<T>, options?: CreateOptions): Promise<CreateResult>;
  /**
   * Creates several new documents in one write (CouchDB `_bulk_docs`): on embedded storage they
   * land in one batch, all or none; on CouchDB each document commits on its own. Each result is
   * the document's `{ id, rev }` or, for an id that exists already, a ConflictError — the others
   * are written regardless. Any other failure rejects the whole call.
   */
  createMany<T extends object>(
    docs: readonly NewDocument<T>[],
  ): Promise<(WriteResult | ConflictError)[]>;
  /** Writes a new revision; fails with ConflictError when `_rev` is not the current one. */
  update<T>(doc: Stored<T>): Promise<WriteResult>;
  /**
   * Compare-and-swap: reads the document, applies `change` (sync or async) and writes it with
   * the revision it read; on a conflict pauses a little, re-reads and re-applies, up to
   * `retries` times, then fails with ConflictError. A missing document fails with
   * NotFoundError; `change` returning undefined writes nothing (a guard refused) and answers
   * undefined; an error `change` throws rejects the call. Never overwrites blindly.
   */
  mutate<T>(
    id: string,
    change: MutateChange<T>,
    options?: MutateOptions,
  ): Promise<WriteResult | undefined>;
  remove(id: string, rev: string): Promise<void>;
  /** The bytes of one attachment of a document; undefined when either is missing. */
  getAttachment(id: string, name: string): Promise<BinaryAttachment | undefined>;
  find<T>(query: FindQuery): Promise<Page<T>>;
  /** Creates the indexes that do not exist yet (at start or install, never on first query). */
  ensureIndexes(indexes: readonly IndexDefinition[]): Promise<void>;
  /** Drops old revisions' bodies (revision history is kept bounded by revs_limit). */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** A write lost a race: the document changed since it was read. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(readonly id: string) {
    super(`document "${id}" was changed by someone else; read it again and retry`);
  }
}

/** A document that must exist does not (or was deleted). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(readonly id: string) {
    super(`document "${id}" does not exist`);
  }
}

/** Any other storage failure, with a message that says what was being done. */
export class StorageError extends Error {
  override name = 'StorageError';
  /** HTTP-style status of the underlying failure when known (400, 401, 500 …). */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/** A query no index serves: refused rather than answered by scanning every document. */
export class MissingIndexError extends StorageError {
  override name = 'MissingIndexError';
  constructor(
    readonly index: string,
    readonly selector: Selector,
    detail: string,
  ) {
    super(`index "${index}" cannot serve selector ${JSON.stringify(selector)}: ${detail}`, 400);
  }
}

/** Why the storage cannot take writes now: its disk is full, it is read-only, or unreachable. */
export type StorageTrouble = 'full' | 'read-only' | 'unreachable';

/**
 * The storage refused a write (or a read) for a reason of its own, not of the request: nothing
 * was stored, and the same request may succeed once space returns or the store is back.
 */
export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
  constructor(
    message: string,
    readonly trouble: StorageTrouble,
  ) {
    super(message, trouble === 'full' ? 507 : 503);
  }
}
