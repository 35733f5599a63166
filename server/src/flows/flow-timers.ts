import { ConflictError, type Stored } from '@tessera/runtime';
import { TIMER_TYPE, type TimerEntry } from '@tessera/runtime/flow-store';
import { repeatingJob } from '../jobs/repeating-job.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { TIMERS_DUE } from './flow-indexes.ts';
import type { FlowService } from './flow-service.ts';

export interface FlowTimerOptions extends StoreContext {
  /** This server: the holder of its leases. */
  readonly instanceId: string;
  readonly flows: FlowService;
  /** How long a claim holds before another server may take the timer over (default 60 s). */
  readonly leaseMs?: number;
  /** Pause between runs of `start()` (default 2 s). */
  readonly intervalMs?: number;
  /** Timers claimed per run (default 50). */
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

export interface FlowTimers {
  /** One pass: runs the due timers this server could claim; resolves to how many ran. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Fires flow timers (a timer node's wake-up, reminders and overdue marks): each due timer is
 * claimed with compare-and-swap and a lease, so of several servers one runs it; its command
 * carries the timer's key, so even a second run after an expired lease changes nothing. A
 * timer that ran is removed.
 */
export function createFlowTimers(options: FlowTimerOptions): FlowTimers {
  const { storage } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const onError =
    options.onError ?? ((error) => console.error(`flow timer failed: ${String(error)}`));

  const claim = async (
    doc: Stored<TimerEntry>,
    now: number,
  ): Promise<Stored<TimerEntry> | undefined> => {
    if (doc.lease && Date.parse(doc.lease.until) > now) return undefined;
    const claimed = {
      ...doc,
      lease: { holder: options.instanceId, until: new Date(now + leaseMs).toISOString() },
    };
    try {
      const written = await storage.update<TimerEntry>(claimed);
      return { ...claimed, _rev: written.rev };
    } catch (error) {
      if (error instanceof ConflictError) return undefined; // another server claimed it
      throw error;
    }
  };

  const runOnce = async () => {
    const now = options.now();
    const due = await storage.find<TimerEntry>({
      index: TIMERS_DUE,
      selector: { type: TIMER_TYPE, at: { $lte: new Date(now).toISOString() } },
      sort: [{ type: 'asc' }, { at: 'asc' }],
      limit: options.batchSize ?? 50,
    });
    let ran = 0;
    for (const doc of due.docs) {
      const claimed = await claim(doc, now);
      if (!claimed) continue;
      try {
        await options.flows.system(claimed.instance, claimed.command);
      } catch (error) {
        onError(error); // the lease runs out and the timer is tried again
        continue;
      }
      await storage.remove(claimed._id, claimed._rev).catch(() => undefined);
      ran += 1;
    }
    return ran;
  };

  return { runOnce, ...repeatingJob(runOnce, options.intervalMs ?? 2000, onError) };
}
