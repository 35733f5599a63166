import type { StoragePort } from '@tessera/runtime';
import { type LoginRateLimiter, loginRateLimiter } from '../auth/login-rate-limiter.ts';
import { storageAttemptStore } from '../auth/storage-attempt-store.ts';
import type { ApiRoute } from '../http/define-route.ts';
import { instanceSecret } from '../settings/instance-secret.ts';
import { type AccountsContext, once } from './accounts-context.ts';
import { authRoutes } from './auth-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';

export interface AccountsOptions {
  readonly storage: StoragePort;
  /** The clock in ms; `Date.now` by default. */
  readonly now?: () => number;
  /** The CSRF secret; by default read from (or made once in) the storage's `instance` document. */
  readonly secret?: string;
  /** Sign-in limits; by default counted in the shared storage, so they hold across servers. */
  readonly loginLimiter?: LoginRateLimiter;
  readonly trustedOrigins?: readonly string[];
}

export function accountsContext(options: AccountsOptions): AccountsContext {
  const now = options.now ?? Date.now;
  const { secret } = options;
  return {
    storage: options.storage,
    now,
    secret: secret === undefined ? once(() => instanceSecret(options.storage)) : async () => secret,
    loginLimiter:
      options.loginLimiter ??
      loginRateLimiter({ now, store: storageAttemptStore(options.storage) }),
    trustedOrigins: options.trustedOrigins ?? [],
  };
}

/** Sign-in and one's own account (`/auth/…`) and account administration (`/users…`). */
export const accountRoutes = (context: AccountsContext): ApiRoute[] => [
  ...authRoutes(context),
  ...tokenRoutes(context),
  ...userRoutes(context),
];
