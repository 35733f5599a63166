import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { csrfProtection } from '../auth/csrf-protection.ts';
import type { ApiEnv, Principal } from '../http/api-env.ts';
import { apiMiddleware } from '../http/register-routes.ts';
import { SESSION_COOKIE } from '../http/security-schemes.ts';
import { isPublicSubmission } from '../public-forms/public-form-paths.ts';
import { type AccountsContext, once } from './accounts-context.ts';
import { liveApiToken } from './api-tokens.ts';
import { liveSession } from './sessions.ts';
import { readUser } from './user-document.ts';

/** Session tokens are 32 random bytes in base64url; anything else is not looked up. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Finds out who is calling and sets `principal` (and `session` for a cookie session):
 * - `Authorization: Bearer <token>` → that API token's user; a cookie sent along is ignored,
 *   since the CSRF check exempts bearer requests;
 * - else the `tessera_session` cookie → that session's user.
 * An unknown or expired token or session, or an inactive user, leaves the request anonymous:
 * guarded routes then answer 401. Roles are read from the user on every request, so a change
 * of roles or a deactivation takes effect at once.
 */
export function authMiddleware(context: AccountsContext): MiddlewareHandler<ApiEnv> {
  return apiMiddleware<MiddlewareHandler<ApiEnv>>(async (c, next) => {
    const authorization = c.req.header('authorization') ?? '';
    if (/^Bearer\s/i.test(authorization)) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      const doc = token === undefined ? undefined : await liveApiToken(context, token);
      const principal = doc && (await principalOf(context, doc.user, 'token'));
      if (principal) c.set('principal', principal);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined && SESSION_TOKEN.test(token)) {
      const session = await liveSession(context, token);
      const principal = session && (await principalOf(context, session.user, 'session'));
      if (session && principal) {
        c.set('principal', principal);
        c.set('session', { id: session._id, token });
      }
    }
    return next();
  });
}

async function principalOf(
  context: AccountsContext,
  userId: string,
  via: Principal['via'],
): Promise<Principal | undefined> {
  const user = await readUser(context.storage, userId);
  if (!user?.active) return undefined;
  return {
    userId,
    roles: [...user.roles],
    via,
    displayName: user.displayName,
    ...(user.department === undefined ? {} : { department: user.department }),
  };
}

/**
 * The CSRF check (auth/csrf-protection.ts) keyed with the installation's secret, counting only
 * a live session as signed in: a stale cookie left in the browser then neither needs a CSRF
 * token nor blocks signing in again, while cross-origin writes stay refused — except public
 * form submissions, which act for no session. Runs after `authMiddleware`.
 */
export function csrfMiddleware(context: AccountsContext): MiddlewareHandler<ApiEnv> {
  const protection = once(async () =>
    csrfProtection({
      secret: await context.secret(),
      trustedOrigins: context.trustedOrigins,
      sessionOf: (c) => c.get('session')?.token,
      // they ignore the session and act as the public form's own principal: nothing to forge
      exempt: isPublicSubmission,
    }),
  );
  return apiMiddleware<MiddlewareHandler<ApiEnv>>(async (c, next) => (await protection())(c, next));
}
