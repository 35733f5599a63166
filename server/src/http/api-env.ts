/** The platform roles every account has one or more of (issue 3). */
export const PLATFORM_ROLES = ['admin', 'designer', 'implementer', 'user'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Who is making the request, as the auth middleware (accounts step) finds out. */
export interface Principal {
  readonly userId: string;
  readonly roles: readonly PlatformRole[];
  /** A cookie session (CSRF-checked) or an API token sent as `Authorization: Bearer`. */
  readonly via: 'session' | 'token';
}

/**
 * The Hono environment of the API. `principal` is set by the auth middleware when the request
 * carries a valid session or API token, and left unset otherwise; guards read it.
 */
export interface ApiEnv {
  Variables: {
    principal?: Principal;
  };
}
