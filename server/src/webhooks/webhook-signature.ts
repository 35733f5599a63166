import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a receiver may trust a signature's timestamp by default: five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The `x-tessera-signature` value for `body` sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Signing the timestamp with the
 * body lets receivers reject replays of an old delivery.
 */
export function signPayload(secret: string, timestamp: number, body: string | Uint8Array): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be whole Unix seconds, not ${timestamp}`);
  }
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'outside_tolerance' | 'mismatch' };

/**
 * Checks a signature header against the raw request body, as a receiver would: the timestamp
 * must lie within `toleranceSeconds` of `now` (Unix seconds) and one `v1` value must match, compared
 * in constant time. Several `v1` values are accepted so a secret can be rotated.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string | Uint8Array,
  now: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const times = parts.filter(([key, value]) => key === 't' && /^\d{1,15}$/.test(value ?? ''));
  const signatures = parts.flatMap(([key, value]) =>
    key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value) ? [value] : [],
  );
  const timestamp = Number(times[0]?.[1]);
  if (times.length !== 1 || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now - timestamp) > toleranceSeconds) {
    return { ok: false, reason: 'outside_tolerance' };
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const matches = signatures.filter((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matches.length > 0 ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}

function hmac(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}
