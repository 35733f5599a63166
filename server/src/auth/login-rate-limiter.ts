import { ApiError } from '../http/api-error.ts';
import { type AttemptStore, memoryAttemptStore } from './attempt-store.ts';
import { ipBucket } from './ip-bucket.ts';

export interface LoginLimits {
  /** The sliding window failures are counted over. */
  readonly windowMs: number;
  /** Failures allowed per username from one address within the window. */
  readonly perUsername: number;
  /** Failures allowed per address (any usernames) within the window. */
  readonly perIp: number;
}

export const LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perUsername: 5, perIp: 50 };

export interface LoginAttempt {
  readonly ip: string;
  readonly username: string;
}

export type LoginVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Call `check` before verifying a password, then `failed` or `succeeded`. */
export interface LoginRateLimiter {
  check(attempt: LoginAttempt): Promise<LoginVerdict>;
  failed(attempt: LoginAttempt): Promise<void>;
  /** Forgets the failures of this username from this address (not the address's own count). */
  succeeded(attempt: LoginAttempt): Promise<void>;
}

export interface LoginRateLimiterOptions {
  readonly store?: AttemptStore;
  readonly limits?: Partial<LoginLimits>;
  /** The clock, injectable for tests. */
  readonly now?: () => number;
}

/**
 * Sliding-window limits on failed sign-ins: 5 per username+address and 50 per address in 15
 * minutes by default. IPv6 addresses count per /64, the block one customer usually holds.
 */
export function loginRateLimiter(options: LoginRateLimiterOptions = {}): LoginRateLimiter {
  const store = options.store ?? memoryAttemptStore();
  const limits = { ...LOGIN_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const keys = ({ ip, username }: LoginAttempt) => {
    const address = ipBucket(ip);
    return { user: `user\0${address}\0${username.trim().toLowerCase()}`, ip: `ip\0${address}` };
  };
  /** Seconds until fewer than `limit` of `times` are inside the window; 0 when already so. */
  const waitFor = (times: readonly number[], limit: number, at: number) =>
    times.length < limit
      ? 0
      : Math.max(1, Math.ceil((times[times.length - limit]! + limits.windowMs - at) / 1000));

  return {
    async check(attempt) {
      const at = now();
      const since = at - limits.windowMs + 1;
      const key = keys(attempt);
      const wait = Math.max(
        waitFor(await store.recent(key.user, since), limits.perUsername, at),
        waitFor(await store.recent(key.ip, since), limits.perIp, at),
      );
      return wait === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: wait };
    },
    async failed(attempt) {
      const at = now();
      const since = at - limits.windowMs + 1;
      const key = keys(attempt);
      await store.add(key.user, at, since);
      await store.add(key.ip, at, since);
    },
    async succeeded(attempt) {
      await store.clear(keys(attempt).user);
    },
  };
}

/** Throws 429 `too_many_attempts` with `Retry-After` when the limiter refuses the attempt. */
export async function assertLoginAllowed(
  limiter: LoginRateLimiter,
  attempt: LoginAttempt,
): Promise<void> {
  const verdict = await limiter.check(attempt);
  if (verdict.allowed) return;
  const seconds = verdict.retryAfterSeconds;
  const minutes = Math.ceil(seconds / 60);
  throw new ApiError(
    429,
    'too_many_attempts',
    {
      en: `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      'zh-CN': `登录失败次数过多，请 ${minutes} 分钟后再试`,
    },
    undefined,
    { retryAfter: seconds },
    { 'Retry-After': String(seconds) },
  );
}
