import type { StoragePort } from '@tessera/runtime';
import { INSTANCE_TYPE, type InstanceDocument } from '@tessera/runtime/flow-store';
import { takeLease } from '../jobs/job-lease.ts';
import { repeatingJob } from '../jobs/repeating-job.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { INSTANCES_BY_FLOW } from './flow-indexes.ts';
import type { FlowService } from './flow-service.ts';
import { finishUnfinishedStarts, type UnfinishedStartsOptions } from './unfinished-starts.ts';

export const OWED_LEASE_ID = 'lease:owed-effects';
/** Marks that instances stored before `owes` existed were looked through once. */
export const OWED_BACKFILL_ID = 'job:owed-backfill';

export interface OwedSweeperOptions extends StoreContext {
  /** This server: the holder of the sweeper's lease. */
  readonly instanceId: string;
  readonly flows: Pick<FlowService, 'store' | 'finishStart'>;
  /** How starts cut off between their record and instance are found (unfinished-starts.ts). */
  readonly starts?: UnfinishedStartsOptions;
  /** Pause between sweeps (default 30 s); the first runs at start. */
  readonly intervalMs?: number;
  /** How long a sweep may hold the lease before another server may take it (default 120 s). */
  readonly leaseMs?: number;
  /** Instances rolled forward per sweep (default 200). */
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

export interface OwedSweeper {
  /** One sweep: how many instances it settled or made (0 when another server holds it). */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Rolls forward the effects committed commands still owe (decision 11, ADR 0028): a write-back
 * that lost every race on its target, or a server killed between a commit and its effects.
 * One server at a time sweeps (a lease); each effect is applied idempotently, so a sweep that
 * overlaps a request still settling the same effect changes nothing twice. The same sweep
 * finishes flow starts killed between their record and their instance (as drafts).
 */
export function createOwedSweeper(options: OwedSweeperOptions): OwedSweeper {
  const { storage, flows } = options;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 200;
  const onError =
    options.onError ??
    ((error) => console.error(`settling owed flow effects failed: ${String(error)}`));

  const runOnce = async () => {
    if (!(await takeLease(options, OWED_LEASE_ID, options.instanceId, leaseMs))) return 0;
    await backfill(storage);
    let settled = await finishUnfinishedStarts(options, flows, {
      onError,
      ...options.starts,
    });
    for (const id of await flows.store.owing(batchSize)) {
      try {
        await flows.store.rollForward(id);
        settled += 1;
      } catch (error) {
        onError(error); // still owed: the next sweep tries again
      }
    }
    return settled;
  };

  return { runOnce, ...repeatingJob(runOnce, options.intervalMs ?? 30_000, onError) };
}

/**
 * Instances stored before `owes` was kept are not in the owing index: once per database, the
 * ones that still owe something get the mark.
 */
async function backfill(storage: StoragePort) {
  if (await storage.get(OWED_BACKFILL_ID)) return;
  let cursor: string | undefined;
  do {
    const page = await storage.find<InstanceDocument>({
      index: INSTANCES_BY_FLOW,
      selector: { type: INSTANCE_TYPE },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const doc of page.docs) {
      if (doc.owes || !Array.isArray(doc.owed) || doc.owed.length === 0) continue;
      await storage.mutate<InstanceDocument>(doc._id, (current) =>
        current.owed.length > 0 && !current.owes ? { ...current, owes: true } : undefined,
      );
    }
    cursor = page.next;
  } while (cursor);
  await storage
    .create({ _id: OWED_BACKFILL_ID, type: 'job', schemaVersion: 1 })
    .catch(() => undefined);
}
