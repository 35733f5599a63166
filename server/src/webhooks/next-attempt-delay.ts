const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The longest wait after each failed attempt: after attempt 1 up to 10 s, after attempt 7 up to
 * 16 h. Eight attempts in all, the last at most ~23 h after the first.
 */
export const RETRY_CEILINGS_MS: readonly number[] = [
  10 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  HOUR,
  6 * HOUR,
  16 * HOUR,
];

export const MAX_ATTEMPTS = RETRY_CEILINGS_MS.length + 1;

/** No retry comes sooner than this, whatever the jitter draws. */
export const MIN_RETRY_DELAY_MS = SECOND;

/**
 * How long to wait after failed attempt `attempt` (1-based) before the next one, in ms: a
 * "full jitter" draw between one second and that attempt's ceiling, so receivers that failed
 * together are not hit together again. `undefined` after the last attempt: give up.
 */
export function nextAttemptDelay(
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, not ${attempt}`);
  }
  const ceiling = RETRY_CEILINGS_MS[attempt - 1];
  if (ceiling === undefined) return undefined;
  return Math.max(MIN_RETRY_DELAY_MS, Math.round(random() * ceiling));
}
