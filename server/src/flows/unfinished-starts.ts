import type { IndexDefinition } from '@tessera/runtime';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import { createOrMutate } from '../storage/create-or-mutate.ts';
import type { StoreContext } from '../storage/store-context.ts';
import type { FlowService } from './flow-service.ts';

/** Records a flow start made, by when (a partial index: other records are not in it). */
export const RECORDS_STARTED = 'records-started-flow';
export const STARTED_INDEXES: readonly IndexDefinition[] = [
  {
    name: RECORDS_STARTED,
    fields: ['type', 'createdAt'],
    partial: { type: RECORD_TYPE, startedFlow: { $exists: true } },
  },
];

/** Where the last sweep got to: records made before `until` were looked at. */
export const STARTS_CHECKPOINT_ID = 'job:unfinished-starts';

interface Checkpoint {
  readonly type: 'job';
  readonly schemaVersion: 1;
  readonly until: string;
}

export interface UnfinishedStartsOptions {
  /** A start younger than this may still be writing its instance: left to the next sweep. */
  readonly graceMs?: number;
  /** Looked at again behind the checkpoint, for servers whose clocks differ (default 5 min). */
  readonly overlapMs?: number;
  /** How far back a first sweep looks (default a day). */
  readonly firstLookMs?: number;
  readonly onError?: (error: unknown) => void;
}

const PAGE = 200;

/**
 * Finishes flow starts that stored their record but not their instance (a server killed
 * between the two writes): each such record becomes its initiator's draft item. Records made
 * since the last sweep (less an overlap for clock skew) and older than a grace period are
 * looked at through a partial index, so a sweep costs what was started since, not what exists.
 * The checkpoint moves on only when every record looked at was settled. Resolves to how many
 * items it made.
 */
export async function finishUnfinishedStarts(
  context: StoreContext,
  flows: Pick<FlowService, 'finishStart'>,
  options: UnfinishedStartsOptions = {},
): Promise<number> {
  const { storage } = context;
  const now = context.now();
  const until = new Date(now - (options.graceMs ?? 15_000)).toISOString();
  const checkpoint = await storage.get<Checkpoint>(STARTS_CHECKPOINT_ID);
  const from = checkpoint
    ? new Date(Date.parse(checkpoint.until) - (options.overlapMs ?? 300_000)).toISOString()
    : new Date(now - (options.firstLookMs ?? 86_400_000)).toISOString();
  let made = 0;
  let settled = true;
  let cursor: string | undefined;
  do {
    const page = await storage.find<RecordFields>({
      index: RECORDS_STARTED,
      selector: { type: RECORD_TYPE, createdAt: { $gte: from, $lt: until } },
      limit: PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const record of page.docs) {
      try {
        if (await flows.finishStart(record)) made += 1;
      } catch (error) {
        settled = false; // looked at again by the next sweep
        options.onError?.(error);
      }
    }
    cursor = page.next;
  } while (cursor !== undefined);
  if (settled && (checkpoint === undefined || checkpoint.until < until)) {
    await createOrMutate<Checkpoint>(
      storage,
      STARTS_CHECKPOINT_ID,
      () => ({ type: 'job', schemaVersion: 1, until }),
      (current) => (current.until < until ? { ...current, until } : current),
      10,
    );
  }
  return made;
}
