import { createOnce } from './idempotent-create.ts';
import { newId } from './new-id.ts';
import { closeDatabase, compactDatabase, openDatabase } from './open-database.ts';
import { inlineAttachments, readAttachment } from './pouch-attachments.ts';
import {
  countDocuments,
  type DumpedDocument,
  dumpDocuments,
  loadDocuments,
} from './pouch-backup.ts';
import { isPouchDocument, type PouchDatabase } from './pouch-database.ts';
import { isConflict, isNotFound, toStorageError } from './pouch-errors.ts';
import { findPage } from './pouch-find.ts';
import { createIndexCatalog } from './pouch-indexes.ts';
import {
  defaultCompactWaitMs,
  defaultRevsLimit,
  type PouchStorageOptions,
} from './pouch-options.ts';
import { reopeningStorage } from './reopening-storage.ts';
import {
  ConflictError,
  type MutateChange,
  type MutateOptions,
  type NewDocument,
  NotFoundError,
  StorageError,
  type StoragePort,
  type Stored,
  type WriteResult,
} from './storage-port.ts';

/** One revision PouchDB still knows of a document, and whether its body is still stored. */
export interface RevisionInfo {
  readonly rev: string;
  readonly available: boolean;
}

/** The storage port over PouchDB, plus what operators and tests may want to look at. */
export interface PouchStorage extends StoragePort {
  /** A path, `memory:name`, or the database URL without credentials. */
  readonly location: string;
  readonly revsLimit: number;
  /** False when the server refused `_revs_limit` (pouchdb-server 4 has no such endpoint). */
  readonly revsLimitEnforced: boolean;
  /** The revisions remembered for a document, newest first (at most `revsLimit`). */
  revisions(id: string): Promise<readonly RevisionInfo[]>;
  /** Every data document with its revision, for a backup. */
  dump(): AsyncGenerator<DumpedDocument>;
  /** Restores dumped documents into this database, which must be empty. */
  load(
    docs: AsyncIterable<DumpedDocument> | Iterable<DumpedDocument>,
    onProgress?: (written: number) => void,
  ): Promise<number>;
  /** How many data documents there are. */
  count(): Promise<number>;
}

/**
 * Opens the database (creating it when missing) and returns the port over it. On disk, the port
 * reopens its database after the disk refused a write (see reopening-storage.ts).
 */
export async function createPouchStorage(options: PouchStorageOptions): Promise<PouchStorage> {
  const first = await openPouchStorage(options);
  if (options.kind !== 'embedded') return first;
  return reopeningStorage(first, () => openPouchStorage(options));
}

async function openPouchStorage(options: PouchStorageOptions): Promise<PouchStorage> {
  const revsLimit = options.revsLimit ?? defaultRevsLimit;
  if (!Number.isInteger(revsLimit) || revsLimit < 1) {
    throw new StorageError(`revsLimit must be a positive whole number, not ${revsLimit}`);
  }
  const opened = await openDatabase(options, revsLimit);
  const { db } = opened;
  const indexes = createIndexCatalog(db);
  const findContext = { db, indexes, onQuery: options.onQuery };

  return {
    kind: opened.remote ? 'couchdb' : 'embedded',
    location: opened.location,
    revsLimit,
    revsLimitEnforced: opened.revsLimitEnforced,
    get: (id) => read(db, id),
    async create(doc, createOptions) {
      const key = createOptions?.idempotencyKey;
      const attachments = createOptions?.attachments;
      const full =
        attachments === undefined ? doc : { ...doc, _attachments: inlineAttachments(attachments) };
      if (key !== undefined) return createOnce(db, full, key);
      const { _rev: _ignored, ...body } = full as NewDocument<unknown> & { _rev?: string };
      return write(db, { ...body, _id: doc._id ?? newId(doc.type) }, 'create');
    },
    createMany: (docs) => createMany(db, docs),
    async update(doc) {
      if (typeof doc._rev !== 'string' || doc._rev === '') {
        throw new StorageError(`update of "${doc._id}" needs the _rev it was read with`, 400);
      }
      return write(db, doc, 'update');
    },
    mutate: (id, change, mutateOptions) => mutate(db, id, change, mutateOptions),
    async remove(id, rev) {
      try {
        await db.remove(id, rev);
      } catch (error) {
        throw toStorageError(error, 'remove', id);
      }
    },
    getAttachment: (id, name) => readAttachment(db, id, name),
    find: (query) => findPage(findContext, query),
    ensureIndexes: (definitions) => indexes.ensure(definitions),
    compact: () => compactDatabase(opened, options.compactWaitMs ?? defaultCompactWaitMs),
    close: () => closeDatabase(opened),
    revisions: (id) => revisions(db, id),
    dump: () => dumpDocuments(db),
    load: (docs, onProgress) => loadDocuments(db, docs, onProgress),
    count: () => countDocuments(db),
  };
}

async function read<T>(db: PouchDatabase, id: string): Promise<Stored<T> | undefined> {
  try {
    const found = await db.get(id);
    return isPouchDocument(found) ? (found as unknown as Stored<T>) : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined; // missing or deleted
    throw toStorageError(error, 'read', id);
  }
}

async function write(db: PouchDatabase, doc: { readonly _id: string }, operation: string) {
  const id = doc._id;
  try {
    const { rev } = await db.put(doc);
    return { id, rev };
  } catch (error) {
    throw toStorageError(error, operation, id);
  }
}

async function createMany<T extends object>(
  db: PouchDatabase,
  docs: readonly NewDocument<T>[],
): Promise<(WriteResult | ConflictError)[]> {
  const bodies = docs.map((doc) => {
    const { _rev: _ignored, ...body } = doc as NewDocument<unknown> & { _rev?: string };
    return { ...body, _id: doc._id ?? newId(doc.type) };
  });
  let results: readonly unknown[];
  try {
    results = await db.bulkDocs(bodies);
  } catch (error) {
    throw toStorageError(error, 'create', bodies[0]?._id);
  }
  return bodies.map((body, index) => {
    const result = results[index] as { ok?: boolean; rev?: unknown; error?: unknown } | undefined;
    if (result?.ok === true && typeof result.rev === 'string')
      return { id: body._id, rev: result.rev };
    const error = toStorageError(result, 'create', body._id);
    if (error instanceof ConflictError) return error;
    throw error;
  });
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function mutate<T>(
  db: PouchDatabase,
  id: string,
  change: MutateChange<T>,
  options: MutateOptions = {},
): Promise<WriteResult | undefined> {
  const { retries = 5, maxPauseMs = 50 } = options;
  for (let attempt = 0; ; attempt++) {
    const current = await read<T>(db, id);
    if (!current) throw new NotFoundError(id);
    const next = await change(current);
    if (next === undefined) return undefined;
    try {
      const { rev } = await db.put({ ...next, _id: id, _rev: current._rev });
      return { id, rev };
    } catch (error) {
      if (!isConflict(error)) throw toStorageError(error, 'mutate', id);
      if (attempt >= retries) throw new ConflictError(id);
    }
    // Jittered, growing pause so racing writers spread out instead of colliding again.
    if (maxPauseMs > 0) await pause(Math.random() * Math.min(maxPauseMs, 2 ** attempt));
  }
}

async function revisions(db: PouchDatabase, id: string): Promise<readonly RevisionInfo[]> {
  let found: unknown;
  try {
    found = await db.get(id, { revs_info: true });
  } catch (error) {
    throw toStorageError(error, 'read revisions of', id);
  }
  const info = isPouchDocument(found) && Array.isArray(found._revs_info) ? found._revs_info : [];
  return info.map((entry: { rev?: unknown; status?: unknown }) => ({
    rev: String(entry.rev),
    available: entry.status === 'available',
  }));
}
