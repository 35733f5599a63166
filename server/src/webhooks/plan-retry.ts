import type { DeliveryResult } from './deliver.ts';
import { nextAttemptDelay } from './next-attempt-delay.ts';

interface DeliveryBase {
  readonly id: string;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly lastStatus?: number;
  readonly lastError?: string;
}

/** Why a delivery stopped without success. */
export type FailReason = 'gone' | 'refused' | 'exhausted';

/**
 * The state of one delivery as the outbox stores it: waiting for attempt `attempts + 1` at
 * `nextAt`, or finished. Times are ISO strings, which sort as they compare.
 */
export type WebhookDelivery =
  | (DeliveryBase & { readonly state: 'pending'; readonly nextAt: string })
  | (DeliveryBase & { readonly state: 'succeeded'; readonly finishedAt: string })
  | (DeliveryBase & {
      readonly state: 'failed';
      readonly finishedAt: string;
      readonly reason: FailReason;
    });

/**
 * The next state of a pending delivery after `result`: succeeded on a 2xx; failed on 410 Gone, a
 * refused destination, or when the last attempt failed; otherwise pending again after a
 * `nextAttemptDelay` wait. Pure: the clock and the random source come in.
 */
export function planRetry(
  delivery: WebhookDelivery,
  result: DeliveryResult,
  now: Date,
  random: () => number = Math.random,
): WebhookDelivery {
  if (delivery.state !== 'pending') {
    throw new RangeError(`delivery ${delivery.id} is ${delivery.state}, not pending`);
  }
  if (result.attempt !== delivery.attempts + 1) {
    throw new RangeError(
      `delivery ${delivery.id} expects attempt ${delivery.attempts + 1}, not ${result.attempt}`,
    );
  }
  const base: DeliveryBase = {
    id: delivery.id,
    attempts: result.attempt,
    ...(result.status === undefined ? {} : { lastStatus: result.status }),
    ...(result.error === undefined ? {} : { lastError: result.error.code }),
  };
  const finishedAt = now.toISOString();
  if (result.ok) return { ...base, state: 'succeeded', finishedAt };
  if (result.giveUp) {
    const reason = result.status === 410 ? 'gone' : 'refused';
    return { ...base, state: 'failed', finishedAt, reason };
  }
  const delay = nextAttemptDelay(result.attempt, random);
  if (delay === undefined) return { ...base, state: 'failed', finishedAt, reason: 'exhausted' };
  return { ...base, state: 'pending', nextAt: new Date(now.getTime() + delay).toISOString() };
}
