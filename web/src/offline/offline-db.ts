import type {
  CachedDocument,
  ConflictEntry,
  NewOutboxCommand,
  OutboxCommand,
} from './offline-types.ts';

/** The few PouchDB calls the offline store makes (the browser build, on IndexedDB). */
export interface LocalDatabase {
  get<T>(id: string): Promise<T & { _id: string; _rev: string }>;
  put(doc: { _id: string; _rev?: string; [key: string]: unknown }): Promise<{ rev: string }>;
  remove(doc: { _id: string; _rev: string }): Promise<unknown>;
  bulkDocs(docs: readonly object[]): Promise<unknown[]>;
  allDocs(options: {
    include_docs: boolean;
    startkey: string;
    endkey: string;
    limit?: number;
  }): Promise<{
    rows: { id: string; doc?: { _id: string; _rev: string } & Record<string, unknown> }[];
  }>;
  destroy(): Promise<unknown>;
}

const CACHE = 'cache:';
const OUTBOX = 'outbox:';
const CONFLICT = 'conflict:';

type Stored<T> = T & { _id: string; _rev: string };

/**
 * The browser's own PouchDB for one person: their offline copy (`cache:`), the outbox of
 * writes waiting to be sent (`outbox:`, in the order they were made) and the conflict list
 * (`conflict:`). Nothing here is replicated to the server's database; the sync engine talks to
 * `/api/sync` instead.
 */
export class OfflineStore {
  private counter = 0;

  constructor(
    readonly db: LocalDatabase,
    /** The database's name: one per person on this device. */
    readonly name = 'tessera',
  ) {}

  private async range<T>(prefix: string, limit?: number, after?: string): Promise<Stored<T>[]> {
    const found = await this.db.allDocs({
      include_docs: true,
      // past `after` (the last id already handled): deleted entries before it are not walked
      startkey: after === undefined ? prefix : `${after}\u0000`,
      endkey: `${prefix}\uffff`,
      ...(limit === undefined ? {} : { limit }),
    });
    return found.rows.flatMap((row) => (row.doc ? [row.doc as unknown as Stored<T>] : []));
  }

  /** How many documents have an id starting with `prefix` (ids only, no bodies read). */
  private async count(prefix: string): Promise<number> {
    const found = await this.db.allDocs({
      include_docs: false,
      startkey: prefix,
      endkey: `${prefix}\uffff`,
    });
    return found.rows.length;
  }

  // the offline copy

  async cached(): Promise<Stored<CachedDocument>[]> {
    return this.range<CachedDocument>(CACHE);
  }

  async cachedBody<T>(id: string): Promise<T | undefined> {
    const doc = await this.db.get<CachedDocument>(`${CACHE}${id}`).catch(() => undefined);
    return doc?.body as T | undefined;
  }

  /** Stores what changed and drops what left the working set, in one bulk write. */
  async applyPull(docs: readonly CachedDocument[], removed: readonly string[]): Promise<void> {
    const held = new Map((await this.cached()).map((doc) => [doc.id, doc._rev]));
    const writes = [
      ...docs.map((doc) => ({
        _id: `${CACHE}${doc.id}`,
        ...(held.has(doc.id) ? { _rev: held.get(doc.id) } : {}),
        ...doc,
      })),
      ...removed.flatMap((id) =>
        held.has(id) ? [{ _id: `${CACHE}${id}`, _rev: held.get(id), _deleted: true }] : [],
      ),
    ];
    if (writes.length > 0) await this.db.bulkDocs(writes);
  }

  // the outbox

  /** Queues a write; ids sort in the order writes were made. */
  async queue(command: NewOutboxCommand & { at?: string }, label?: string): Promise<OutboxCommand> {
    this.counter += 1;
    const at = command.at ?? new Date().toISOString();
    const order = `${Date.now().toString(36).padStart(10, '0')}-${this.counter.toString(36).padStart(6, '0')}`;
    const full = { ...command, at } as OutboxCommand;
    await this.db.put({
      _id: `${OUTBOX}${order}-${command.id}`,
      command: full,
      ...(label ? { label } : {}),
    });
    return full;
  }

  /**
   * The queued writes in the order they were made, each with what the person saw it as; with
   * `limit`, only the first (oldest) ones; with `after`, those queued after that outbox id.
   */
  async outbox(
    limit?: number,
    after?: string,
  ): Promise<Stored<{ command: OutboxCommand; label?: string }>[]> {
    return this.range<{ command: OutboxCommand; label?: string }>(OUTBOX, limit, after);
  }

  /** How many writes wait in the outbox. */
  async pendingCount(): Promise<number> {
    return this.count(OUTBOX);
  }

  async dequeue(docs: readonly Stored<unknown>[]): Promise<void> {
    if (docs.length > 0)
      await this.db.bulkDocs(docs.map((doc) => ({ _id: doc._id, _rev: doc._rev, _deleted: true })));
  }

  // the conflict list

  async addConflicts(entries: readonly ConflictEntry[]): Promise<void> {
    if (entries.length > 0) {
      await this.db.bulkDocs(
        entries.map((entry) => ({ _id: `${CONFLICT}${entry.command.id}`, ...entry })),
      );
    }
  }

  async conflicts(): Promise<Stored<ConflictEntry>[]> {
    return this.range<ConflictEntry>(CONFLICT);
  }

  async conflictCount(): Promise<number> {
    return this.count(CONFLICT);
  }

  async resolve(commandId: string): Promise<void> {
    const doc = await this.db.get(`${CONFLICT}${commandId}`).catch(() => undefined);
    if (doc) await this.db.remove(doc);
  }
}

/** Opens the person's store on IndexedDB; PouchDB loads only when offline support is first used. */
export async function openOfflineStore(user: string): Promise<OfflineStore> {
  const { default: PouchDB } = await import('pouchdb-browser');
  const name = `tessera-${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return new OfflineStore(
    new PouchDB(name, { auto_compaction: true }) as unknown as LocalDatabase,
    name,
  );
}
