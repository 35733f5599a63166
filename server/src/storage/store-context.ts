import type { StoragePort } from '@tessera/runtime';

/** What the stores of accounts and organisation work with: shared storage and a clock. */
export interface StoreContext {
  readonly storage: StoragePort;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  readonly now: () => number;
}

/** The clock's time as an ISO string, as stored in `createdAt` and friends. */
export const isoNow = (context: StoreContext): string => new Date(context.now()).toISOString();
