import type {
  OutboxResult as PushResult,
  OutboxCommand as QueuedWrite,
  SyncDocument,
} from '@tessera/core/api';

/**
 * A write made while offline, as `POST /api/sync/push` takes it (`id` is its idempotency key),
 * with when it was made.
 */
export type OutboxCommand = QueuedWrite & { readonly at: string };

/** What the server said of one command. */
export type OutboxResult = PushResult;

/** A queued write the server would not apply as it stood: kept until the person decides. */
export interface ConflictEntry {
  readonly command: OutboxCommand;
  /** What the person saw the write as ("提交 采购申请：服务器扩容"). */
  readonly label?: string;
  readonly status: 'conflict' | 'rejected';
  readonly error: { code: string; message: string; field?: string };
  /** The server's version when it came back (an item someone else moved on). */
  readonly server?: unknown;
  readonly at: string;
}

/** One document of the offline copy, as `POST /api/sync/pull` sends it. */
export type CachedDocument = SyncDocument;

export interface SyncStatus {
  readonly pending: number;
  readonly conflicts: number;
  readonly syncing: boolean;
  readonly lastSyncAt?: string;
  readonly error?: string;
}

/** A command as a page queues it; the store adds when it was made. */
export type NewOutboxCommand = OutboxCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'at'>
    : never
  : never;
