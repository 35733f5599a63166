import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';
import { takeLease } from '../jobs/job-lease.ts';
import type { StoreContext } from '../storage/store-context.ts';

/**
 * Moves and deletions of departments change the tree's shape, and "not under its own
 * descendant" is a rule over several documents. So they take turns: each holds the lease
 * document `lease:department-tree` (taken by compare-and-swap) while it checks and writes. A
 * lease ends by itself after `LEASE_MS`, so a crashed holder blocks the tree only briefly.
 */
export const TREE_LEASE_ID = 'lease:department-tree';
const LEASE_MS = 30_000;
/** How long a caller waits for the lease before answering 409 `tree_busy`. */
const WAIT_MS = 3_000;

interface LeaseFields {
  readonly schemaVersion: number;
  readonly holder: string | null;
  readonly until: number;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Runs `work` holding the tree lease. */
export async function withTreeLease<T>(context: StoreContext, work: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  const started = Date.now();
  while (!(await takeLease(context, TREE_LEASE_ID, holder, LEASE_MS))) {
    if (Date.now() - started > WAIT_MS) {
      throw new ApiError(409, 'tree_busy', {
        en: 'another change to the department tree is in progress; try again in a moment',
        'zh-CN': '部门树正在进行另一项变更，请稍后重试',
      });
    }
    await pause(20 + Math.random() * 40);
  }
  try {
    return await work();
  } finally {
    await context.storage.mutate<LeaseFields>(TREE_LEASE_ID, (current) =>
      current.holder === holder ? { ...current, holder: null, until: 0 } : undefined,
    );
  }
}
