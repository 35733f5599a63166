import type { StoragePort, Stored } from '@tessera/runtime';

export interface ReadCacheOptions {
  /** Id prefixes whose documents are cached: those read on every request. */
  readonly prefixes: readonly string[];
  /** How long a read is reused; another server's change shows after at most this long. */
  readonly ttlMs: number;
  /** The clock in ms. */
  readonly now: () => number;
  /** Entries kept at most (the oldest go first). */
  readonly maxEntries?: number;
}

/** Documents read on every request: the caller's token and user, the app (its latest version) and its role mapping. */
export const HOT_PREFIXES = ['apitoken:', 'user:', 'approles:', 'app:'] as const;
/** A change made on another server is seen here within this time (decision 0017). */
export const HOT_READ_TTL_MS = 1000;

/**
 * The storage with `get` of hot documents answered from memory for `ttlMs`. Every write this
 * process makes through it (create, update, mutate, remove) drops the cached copy first, so
 * this server sees its own changes at once; other servers' changes after at most `ttlMs`.
 * Misses are remembered too (an unknown token stays unknown for `ttlMs`). Everything else —
 * compare-and-swap included — reads the storage itself.
 */
export function withReadCache(storage: StoragePort, options: ReadCacheOptions): StoragePort {
  const cache = new Map<string, { at: number; doc: Stored<unknown> | undefined }>();
  const max = options.maxEntries ?? 10_000;
  const hot = (id: string) => options.prefixes.some((prefix) => id.startsWith(prefix));
  /** Writes begun per hot id: a read of an id that was in flight across its write is not kept. */
  const writes = new Map<string, number>();
  const spoil = (id: string | undefined) => {
    if (id === undefined || !hot(id)) return;
    cache.delete(id);
    writes.set(id, (writes.get(id) ?? 0) + 1);
    if (writes.size > max) writes.delete(writes.keys().next().value ?? '');
  };

  const overrides: Partial<StoragePort> = {
    async get<T>(id: string) {
      if (!hot(id)) return storage.get<T>(id);
      const now = options.now();
      const known = cache.get(id);
      if (known && now - known.at < options.ttlMs && now >= known.at) {
        return known.doc as Stored<T> | undefined;
      }
      const started = writes.get(id) ?? 0;
      const doc = await storage.get<T>(id);
      if (started === (writes.get(id) ?? 0)) {
        if (cache.size >= max) cache.delete(cache.keys().next().value ?? '');
        cache.set(id, { at: now, doc });
      }
      return doc;
    },
    create(doc, createOptions) {
      spoil(doc._id);
      return storage.create(doc, createOptions);
    },
    createMany(docs) {
      for (const doc of docs) spoil(doc._id);
      return storage.createMany(docs);
    },
    update: (doc) => writing(doc._id, () => storage.update(doc)),
    mutate: (id, change, mutateOptions) =>
      writing(id, () => storage.mutate(id, change, mutateOptions)),
    remove: (id, rev) => writing(id, () => storage.remove(id, rev)),
  };
  /** Drops the copy before and after the write, and spoils reads of the id in flight. */
  const writing = async <R>(id: string, write: () => Promise<R>): Promise<R> => {
    spoil(id);
    try {
      return await write();
    } finally {
      spoil(id);
    }
  };
  // everything else (finds, indexes, attachments, backups …) goes to the storage itself
  return new Proxy(storage, {
    get(target, property, receiver) {
      const own = overrides[property as keyof StoragePort];
      if (own !== undefined) return own;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
