import type { DeliveryResult } from './deliver.ts';
import type { DeliveryDocument } from './delivery-document.ts';
import { planRetry, type WebhookDelivery } from './plan-retry.ts';

/** An attempt that was not made: the subscription is gone or switched off. */
export interface SkippedAttempt {
  readonly skipped: 'webhook_missing' | 'webhook_inactive';
}

/**
 * The delivery after the attempt its claim started (`claimed.attempts` counts it): delivered,
 * pending again after the backoff of `planRetry`, or failed. The claim is released; the answer's
 * status, the error code and the time taken are kept for the delivery log.
 */
export function settleDelivery(
  claimed: DeliveryDocument,
  result: DeliveryResult | SkippedAttempt,
  now: Date,
  durationMs: number,
  random?: () => number,
): DeliveryDocument {
  const {
    claimedBy: _by,
    claimedUntil: _until,
    lastStatus: _status,
    lastError: _error,
    ...rest
  } = claimed;
  const at = now.toISOString();
  const base = { ...rest, lastAttemptAt: at, lastDurationMs: durationMs, updatedAt: at };
  if ('skipped' in result) {
    return { ...base, status: 'failed', failReason: result.skipped, finishedAt: at };
  }
  const before: WebhookDelivery = {
    id: claimed._id,
    attempts: claimed.attempts - 1,
    state: 'pending',
    nextAt: claimed.nextAttemptAt,
  };
  const planned = planRetry(before, result, now, random);
  const answered = {
    ...base,
    attempts: planned.attempts,
    ...(planned.lastStatus === undefined ? {} : { lastStatus: planned.lastStatus }),
    ...(planned.lastError === undefined ? {} : { lastError: planned.lastError }),
  };
  switch (planned.state) {
    case 'pending':
      return { ...answered, status: 'pending', nextAttemptAt: planned.nextAt };
    case 'succeeded':
      return { ...answered, status: 'delivered', finishedAt: planned.finishedAt };
    case 'failed':
      return {
        ...answered,
        status: 'failed',
        failReason: planned.reason,
        finishedAt: planned.finishedAt,
      };
  }
}
