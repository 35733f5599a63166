import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import type { LookupAll } from './check-destination.ts';
import { claimDelivery } from './claim-delivery.ts';
import { type DeliverOptions, type DeliveryResult, deliver } from './deliver.ts';
import { DELIVERY_TYPE, type DeliveryDocument, type DeliveryFields } from './delivery-document.ts';
import { type SkippedAttempt, settleDelivery } from './delivery-outcome.ts';
import { readWebhook } from './webhook-document.ts';
import { mayHaveWebhooks, pruneRegistry } from './webhook-registry.ts';

/** How often an idle dispatcher looks for deleted subscriptions to drop from the registry. */
const PRUNE_EVERY_MS = 60_000;

export interface DispatcherOptions extends StoreContext {
  /** This server (instance.json's `instanceId`): the `claimedBy` of its claims. */
  readonly instanceId: string;
  /** Lift the loopback/private destination rules (tests, on-premises receivers). Off by default. */
  readonly allowPrivate?: boolean;
  readonly lookup?: LookupAll;
  /** Deliveries claimed per run (default 20), sent in parallel. */
  readonly batchSize?: number;
  /** How long a claim holds (default 60 s): a claim not finished by then is taken over. */
  readonly leaseMs?: number;
  /** Pause between runs of `start()` (default 1 s). */
  readonly intervalMs?: number;
  /** Jitter source for the backoff; `Math.random` by default. */
  readonly random?: () => number;
  /** Per-attempt deadline and the like, passed to `deliver`. */
  readonly deliver?: Omit<DeliverOptions, 'allowPrivate' | 'lookup' | 'now'>;
  /** Where a failed run is reported; `console.error` by default. */
  readonly onError?: (error: unknown) => void;
}

export interface RunReport {
  /** Deliveries this run claimed and attempted. */
  readonly attempted: number;
  readonly delivered: number;
  readonly failed: number;
  /** Due deliveries another dispatcher claimed first. */
  readonly skipped: number;
}

export interface Dispatcher {
  /** One pass: claims up to `batchSize` due deliveries, oldest first, and sends them. */
  runOnce(): Promise<RunReport>;
  /** Runs every `intervalMs` (an unref'd timer) until `stop()`. */
  start(): void;
  /** Stops the timer and waits for the run in flight. */
  stop(): Promise<void>;
}

/**
 * Sends what the outbox owes. Each due delivery is claimed by compare-and-swap, so of several
 * servers on one database exactly one sends it; the claim moves `nextAttemptAt` to the end of
 * the lease, so a server that dies mid-send leaves a delivery that becomes due again then.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { storage, instanceId } = options;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const onError =
    options.onError ?? ((error: unknown) => console.error(`webhook dispatcher: ${String(error)}`));

  const claim = (id: string) =>
    claimDelivery(storage, id, { instanceId, now: options.now(), leaseMs });

  const deliverOptions: DeliverOptions = {
    ...options.deliver,
    now: options.now,
    ...(options.allowPrivate === undefined ? {} : { allowPrivate: options.allowPrivate }),
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
  };

  /** Sends a claimed delivery and records the outcome, if the claim is still this one. */
  const send = async (doc: DeliveryDocument): Promise<DeliveryFields['status'] | undefined> => {
    const hook = await readWebhook(storage, doc.webhook);
    const started = performance.now();
    const result: DeliveryResult | SkippedAttempt = !hook
      ? { skipped: 'webhook_missing' }
      : !hook.active
        ? { skipped: 'webhook_inactive' }
        : await deliver(
            {
              id: doc._id,
              url: hook.url,
              event: doc.event,
              payload: doc.payload,
              secret: hook.secret,
              attempt: doc.attempts,
            },
            deliverOptions,
          );
    const durationMs = Math.round(performance.now() - started);
    const next = settleDelivery(doc, result, new Date(options.now()), durationMs, options.random);
    const written = await storage.mutate<DeliveryFields>(
      doc._id,
      (current) =>
        current.claimedBy === instanceId && current.claimedUntil === doc.claimedUntil
          ? { ...next, _rev: current._rev }
          : undefined, // taken over after the lease ran out: the new holder records it
    );
    return written ? next.status : undefined;
  };

  let prunedAt = Number.NEGATIVE_INFINITY;
  const runOnce = async (): Promise<RunReport> => {
    // no subscription, no delivery owed: one read instead of a query (webhook-registry.ts)
    if (!(await mayHaveWebhooks(storage))) {
      return { attempted: 0, delivered: 0, failed: 0, skipped: 0 };
    }
    const page = await storage.find<DeliveryFields>({
      index: INDEX.deliveriesDue,
      selector: {
        type: DELIVERY_TYPE,
        status: 'pending',
        nextAttemptAt: { $lte: iso(options.now()) },
      },
      limit: batchSize,
    });
    if (page.docs.length === 0 && options.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = options.now();
      await pruneRegistry(storage); // nothing due: deleted subscriptions may leave the registry
    }
    const claimed = (await Promise.all(page.docs.map((doc) => claim(doc._id)))).filter(
      (doc): doc is DeliveryDocument => doc !== undefined,
    );
    const outcomes = await Promise.all(
      claimed.map((doc) =>
        send(doc).catch((error: unknown) => {
          onError(error); // the claim runs out and the delivery is tried again
          return undefined;
        }),
      ),
    );
    return {
      attempted: claimed.length,
      delivered: outcomes.filter((status) => status === 'delivered').length,
      failed: outcomes.filter((status) => status === 'failed').length,
      skipped: page.docs.length - claimed.length,
    };
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = runOnce()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  };

  return {
    runOnce,
    start() {
      timer ??= setInterval(tick, options.intervalMs ?? 1000);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
