import type { PouchStorage } from './pouch-storage.ts';
import { type StorageTrouble, StorageUnavailableError } from './storage-port.ts';

/** How long after a failed reopen the next write may try again. */
const RETRY_MS = 2000;
/** Free bytes the data directory needs before a full disk counts as having space again. */
const ROOM_BYTES = 8 * 1024 * 1024;

/** Free bytes of the file system holding `path` (undefined when that cannot be told). */
async function freeBytes(path: string): Promise<number | undefined> {
  try {
    const { statfs } = await import('node:fs/promises');
    const stats = await statfs(path);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/**
 * Embedded storage that reopens its database after the disk refused a write (full, read-only).
 * LevelDB may leave a torn record at the end of its log when a write fails for want of space;
 * writes appended after it are acknowledged but dropped when the log is next replayed (after a
 * crash). So after such a failure no write reaches the old handle again: writes are refused
 * with the same StorageUnavailableError (nothing stored) until the database was reopened —
 * which replays the log, setting the torn tail aside — and reopening is tried only once the
 * disk has room again (or, for other trouble, at most every 2 s). Reads go on meanwhile.
 */
export function reopeningStorage(
  first: PouchStorage,
  open: () => Promise<PouchStorage>,
): PouchStorage {
  let inner = first;
  let isOpen = true;
  let trouble: { kind: StorageTrouble; message: string; at: number } | undefined;
  let reopening: Promise<void> | undefined;

  const refuse = () =>
    new StorageUnavailableError(
      `${trouble!.message} (no write reaches the database until it is reopened)`,
      trouble!.kind,
    );

  const reopen = async () => {
    reopening ??= (async () => {
      if (isOpen) await inner.close().catch(() => undefined);
      isOpen = false;
      try {
        inner = await open();
        isOpen = true;
        trouble = undefined;
      } catch (error) {
        if (trouble) trouble.at = Date.now();
        throw error;
      }
    })().finally(() => {
      reopening = undefined;
    });
    await reopening;
  };

  /** Before a write: refuse while in trouble, or reopen first when the disk may take it now. */
  const readyToWrite = async () => {
    if (reopening) await reopening.catch(() => undefined);
    if (!trouble) return;
    if (Date.now() - trouble.at < RETRY_MS) throw refuse();
    if (trouble.kind === 'full' && ((await freeBytes(first.location)) ?? 0) < ROOM_BYTES) {
      trouble.at = Date.now();
      throw refuse();
    }
    await reopen();
  };

  /** Before a read: the old handle serves reads unless a failed reopen closed it. */
  const readyToRead = async () => {
    if (reopening) await reopening.catch(() => undefined);
    if (isOpen) return;
    if (trouble && Date.now() - trouble.at < RETRY_MS) throw refuse();
    await reopen();
  };

  const noted = (error: unknown) => {
    if (error instanceof StorageUnavailableError && !trouble)
      trouble = { kind: error.trouble, message: error.message, at: 0 };
    return error;
  };

  // the usual case calls straight through, in the same tick: callers that race a write of their
  // own against another (compare-and-swap tests, retries) see the order they issued
  const writing =
    <A extends unknown[], R>(call: (storage: PouchStorage, ...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const run = () =>
        call(inner, ...args).catch((error: unknown) => {
          throw noted(error);
        });
      if (!trouble && !reopening) return run();
      return readyToWrite().then(run);
    };
  const reading =
    <A extends unknown[], R>(call: (storage: PouchStorage, ...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (isOpen && !reopening) return call(inner, ...args);
      return readyToRead().then(() => call(inner, ...args));
    };

  return {
    kind: first.kind,
    location: first.location,
    revsLimit: first.revsLimit,
    revsLimitEnforced: first.revsLimitEnforced,
    get: reading((storage, id: string) => storage.get(id)),
    getAttachment: reading((storage, id: string, name: string) => storage.getAttachment(id, name)),
    find: reading((storage, ...args: Parameters<PouchStorage['find']>) =>
      storage.find(...args),
    ) as PouchStorage['find'],
    revisions: reading((storage, id: string) => storage.revisions(id)),
    count: reading((storage) => storage.count()),
    dump: () => inner.dump(),
    create: writing((storage, ...args: Parameters<PouchStorage['create']>) =>
      storage.create(...args),
    ),
    createMany: writing((storage, ...args: Parameters<PouchStorage['createMany']>) =>
      storage.createMany(...args),
    ) as PouchStorage['createMany'],
    update: writing((storage, ...args: Parameters<PouchStorage['update']>) =>
      storage.update(...args),
    ) as PouchStorage['update'],
    mutate: writing((storage, ...args: Parameters<PouchStorage['mutate']>) =>
      storage.mutate(...args),
    ) as PouchStorage['mutate'],
    remove: writing((storage, id: string, rev: string) => storage.remove(id, rev)),
    ensureIndexes: writing((storage, ...args: Parameters<PouchStorage['ensureIndexes']>) =>
      storage.ensureIndexes(...args),
    ),
    compact: writing((storage) => storage.compact()),
    load: writing((storage, ...args: Parameters<PouchStorage['load']>) => storage.load(...args)),
    async close() {
      await reopening?.catch(() => undefined);
      if (isOpen) await inner.close();
      isOpen = false;
    },
  };
}
