import { ConflictError, NotFoundError, type StoragePort } from '@tessera/runtime';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { FILE_TYPE, type FileFields } from './file-document.ts';

/** An upload no record has referred to for a day is taken as abandoned. */
export const UNATTACHED_FILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** How often a running server sweeps (after the sweep at start). */
export const FILE_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface SweepOptions {
  /** Files uploaded longer ago than this and still unattached are removed (default 24 h). */
  readonly olderThanMs?: number;
  /** Files read and removed per page (default 100). */
  readonly batch?: number;
}

/**
 * Removes `file` documents (bytes included) that no record refers to and that were uploaded more
 * than `olderThanMs` ago, a page at a time through the `files-unattached` partial index. Each is
 * removed with the revision read: a file attached meanwhile has a newer revision, so its removal
 * is a conflict and it stays; a file another sweep removed first is skipped. Several servers may
 * sweep at once; each file is counted by the one that removed it.
 */
export async function sweepUnattachedFiles(
  context: StoreContext,
  options: SweepOptions = {},
): Promise<{ removed: number }> {
  const cutoff = new Date(
    context.now() - (options.olderThanMs ?? UNATTACHED_FILE_MAX_AGE_MS),
  ).toISOString();
  let removed = 0;
  let cursor: string | undefined;
  do {
    // The partial index holds only files without `record`; the selector names just its fields
    // and no `fields` projection: pouchdb-find reads anything else from the documents, and
    // throws on a row whose document another sweep deleted while this query read the index.
    const page = await context.storage.find<FileFields>({
      index: INDEX.filesUnattached,
      selector: { type: FILE_TYPE, uploadedAt: { $lt: cutoff } },
      limit: options.batch ?? 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const file of page.docs) {
      if (file.record !== undefined) continue; // never a file a record refers to
      if (await removeIfUnchanged(context.storage, file._id, file._rev)) removed += 1;
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return { removed };
}

/** True when this call removed it; false when it changed (attached) or went meanwhile. */
async function removeIfUnchanged(storage: StoragePort, id: string, rev: string): Promise<boolean> {
  try {
    await storage.remove(id, rev);
    return true;
  } catch (error) {
    if (error instanceof ConflictError || error instanceof NotFoundError) return false;
    throw error;
  }
}

export interface FileSweeper {
  /** Sweeps every `intervalMs` (an unref'd timer) until `stop()`. */
  start(): void;
  /** No new sweep; resolves when the one in flight has finished. */
  stop(): Promise<void>;
}

/** The hourly sweep of a running server; one at a time, a failure is reported and retried. */
export function createFileSweeper(
  context: StoreContext,
  options: SweepOptions & {
    readonly intervalMs?: number;
    readonly onRemoved?: (removed: number) => void;
    readonly onError?: (error: unknown) => void;
  } = {},
): FileSweeper {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = sweepUnattachedFiles(context, options)
      .then(({ removed }) => {
        if (removed > 0) options.onRemoved?.(removed);
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start() {
      if (timer !== undefined) return;
      tick(); // one sweep now, in the background, then hourly
      timer = setInterval(tick, options.intervalMs ?? FILE_SWEEP_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
