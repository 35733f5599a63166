/** A write made while offline, as `POST /api/sync/push` takes it (`id` is its idempotency key). */
export type OutboxCommand =
  | {
      readonly id: string;
      readonly kind: 'start';
      readonly app: string;
      readonly flow: string;
      readonly values: Record<string, unknown>;
      readonly submit?: boolean;
      readonly opinion?: string;
      readonly at: string;
    }
  | {
      readonly id: string;
      readonly kind: 'command';
      readonly item: string;
      readonly command: Record<string, unknown>;
      readonly at: string;
    }
  | {
      readonly id: string;
      readonly kind: 'create';
      readonly app: string;
      readonly table: string;
      readonly values: Record<string, unknown>;
      readonly at: string;
    };

/** What the server said of one command. */
export type OutboxResult =
  | { readonly id: string; readonly status: 'applied'; readonly result: unknown }
  | {
      readonly id: string;
      readonly status: 'conflict' | 'rejected';
      readonly error: { code: string; message: string; field?: string };
      readonly server?: unknown;
    }
  | { readonly id: string; readonly status: 'retry' };

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
export interface CachedDocument {
  readonly id: string;
  readonly kind: 'inbox' | 'item' | 'app';
  readonly rev: string;
  readonly body: unknown;
}

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
