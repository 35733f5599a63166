import type { LoginRateLimiter } from '../auth/login-rate-limiter.ts';
import type { StoreContext } from '../storage/store-context.ts';

/** What the accounts routes and middleware share. */
export interface AccountsContext extends StoreContext {
  /** The installation's secret (CSRF tokens), read or made once on first use. */
  readonly secret: () => Promise<string>;
  readonly loginLimiter: LoginRateLimiter;
  /** Public origins behind a proxy, accepted by the CSRF check besides the request's own. */
  readonly trustedOrigins: readonly string[];
}

/** Runs `load` once, on first call, and shares its promise; a failure is retried next time. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
