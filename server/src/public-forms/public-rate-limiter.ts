import type { AttemptStore } from '../auth/attempt-store.ts';
import { ipBucket } from '../auth/ip-bucket.ts';
import { tooManySubmissions } from './public-form-errors.ts';

/** How many anonymous requests one address may make in a sliding window. */
export interface PublicLimits {
  readonly windowMs: number;
  /** Submissions per address (any public form). */
  readonly submissions: number;
  /** Receipt look-ups with a wrong code per address. */
  readonly wrongCodes: number;
}

export const PUBLIC_LIMITS: PublicLimits = {
  windowMs: 10 * 60_000,
  submissions: 10,
  wrongCodes: 20,
};

export interface PublicRateLimiter {
  /** Counts one submission from `ip`, or throws 429 with Retry-After when over the limit. */
  submission(ip: string): Promise<void>;
  /** Throws 429 when `ip` has looked up too many receipts with a wrong code. */
  checkLookup(ip: string): Promise<void>;
  wrongCode(ip: string): Promise<void>;
}

/**
 * Sliding-window limits on anonymous requests per address (IPv6 per /64), counted in an
 * `AttemptStore` — the shared storage's in the app, so the limit holds across servers.
 * A submission is counted whether it is then accepted or refused.
 */
export function publicRateLimiter(
  store: AttemptStore,
  now: () => number,
  limits: PublicLimits = PUBLIC_LIMITS,
): PublicRateLimiter {
  const keyOf = (kind: string, ip: string) => `public-${kind}\0${ipBucket(ip)}`;
  const refuse = async (key: string, limit: number, rule: string) => {
    const at = now();
    const recent = await store.recent(key, at - limits.windowMs + 1);
    if (recent.length < limit) return at;
    const seconds = Math.max(
      1,
      Math.ceil((recent[recent.length - limit]! + limits.windowMs - at) / 1000),
    );
    throw tooManySubmissions(seconds, rule);
  };
  return {
    async submission(ip) {
      const key = keyOf('submission', ip);
      const at = await refuse(key, limits.submissions, 'publicForm.submissionsPerAddress');
      await store.add(key, at, at - limits.windowMs + 1);
    },
    async checkLookup(ip) {
      await refuse(keyOf('receipt', ip), limits.wrongCodes, 'publicForm.wrongCodesPerAddress');
    },
    async wrongCode(ip) {
      const at = now();
      await store.add(keyOf('receipt', ip), at, at - limits.windowMs + 1);
    },
  };
}
