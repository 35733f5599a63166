import { ConflictError, NotFoundError, type StoragePort } from '@tessera/runtime';
import type { DeliveryDocument, DeliveryFields } from './delivery-document.ts';

export interface ClaimOptions {
  /** `claimedBy`: the server taking it. */
  readonly instanceId: string;
  /** Now, in ms. */
  readonly now: number;
  readonly leaseMs: number;
}

/** Whether a delivery may be claimed at `now`: pending, due, and not held by a live lease. */
export const isClaimable = (doc: DeliveryFields, now: string): boolean =>
  doc.status === 'pending' &&
  doc.nextAttemptAt <= now &&
  (doc.claimedUntil === undefined || doc.claimedUntil <= now);

/**
 * Claims a due delivery by compare-and-swap, starting its next attempt: `claimedBy`,
 * `claimedUntil` (the lease), `attempts + 1`, and `nextAttemptAt` moved to the lease's end so a
 * claim never finished makes the delivery due again then (another server takes it over).
 * Undefined when someone else holds it, it is not due, or it is gone.
 */
export async function claimDelivery(
  storage: StoragePort,
  id: string,
  { instanceId, now, leaseMs }: ClaimOptions,
): Promise<DeliveryDocument | undefined> {
  const at = new Date(now).toISOString();
  const until = new Date(now + leaseMs).toISOString();
  let claimed: DeliveryDocument | undefined;
  try {
    await storage.mutate<DeliveryFields>(id, (doc) => {
      claimed = isClaimable(doc, at)
        ? {
            ...doc,
            claimedBy: instanceId,
            claimedUntil: until,
            nextAttemptAt: until,
            attempts: doc.attempts + 1,
            updatedAt: at,
          }
        : undefined;
      return claimed;
    });
  } catch (error) {
    // deleted, or still contended after the retries: left to the next run
    if (error instanceof NotFoundError || error instanceof ConflictError) return undefined;
    throw error;
  }
  return claimed;
}
