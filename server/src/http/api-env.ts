import type { PlatformRole } from '@tessera/core/api';

/** The platform roles every account has one or more of (issue 3), declared with the API contract. */
export { PLATFORM_ROLES, type PlatformRole } from '@tessera/core/api';

/** Who is making the request, as the auth middleware (accounts step) finds out. */
export interface Principal {
  readonly userId: string;
  readonly roles: readonly PlatformRole[];
  /** A cookie session (CSRF-checked) or an API token sent as `Authorization: Bearer`. */
  readonly via: 'session' | 'token';
  /** The user's name and department as read with their roles (absent: read them again). */
  readonly displayName?: string;
  readonly department?: string;
}

/** The cookie session a request is signed in with: its stored id and the raw token. */
export interface SessionRef {
  /** `session:<digest of the token>` */
  readonly id: string;
  /** The raw token from the cookie: the CSRF token is derived from it. */
  readonly token: string;
}

/**
 * The Hono environment of the API. `principal` is set by the auth middleware when the request
 * carries a valid session or API token, and left unset otherwise; guards read it. `session` is
 * set with it when the request came with a live session cookie (not with a bearer token).
 */
export interface ApiEnv {
  Variables: {
    principal?: Principal;
    session?: SessionRef;
  };
}
