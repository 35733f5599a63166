import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import { csrfTokenFor } from '../auth/csrf-protection.ts';
import { assertLoginAllowed } from '../auth/login-rate-limiter.ts';
import { verifyPassword } from '../auth/password-hash.ts';
import type { ApiEnv, Principal } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import type { AccountsContext } from './accounts-context.ts';
import { clientAddress } from './client-address.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { endSession } from './sessions.ts';
import { setPassword } from './set-password.ts';
import { signIn } from './sign-in.ts';
import { userNotFound } from './update-user.ts';
import { readUser, userView } from './user-document.ts';

/** The principal a guard let through (the guard guarantees one). */
export function principalOf(c: Context<ApiEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new Error('a signed-in route ran without a principal');
  return principal;
}

/** Sign-in, sign-out, who am I, and changing one's own password. */
export function authRoutes(context: AccountsContext): ApiRoute[] {
  return [
    implement(api.auth.login, {
      // public: this is how one becomes signed in; rate-limited, and cross-origin posts are refused
      guard: guards.public(),
      handler: async (c, { body }) => {
        const { user, token, session } = await signIn(context, {
          username: body.username,
          password: body.password,
          ip: clientAddress(c),
        });
        setSessionCookie(c, token);
        return c.json({
          user: userView(user),
          csrfToken: csrfTokenFor(token, await context.secret()),
          via: 'session' as const,
          expiresAt: session.expiresAt,
        });
      },
    }),
    implement(api.auth.logout, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const session = c.get('session');
        if (session) await endSession(context, session.id);
        clearSessionCookie(c);
        return c.json({ signedOut: session !== undefined });
      },
    }),
    implement(api.auth.me, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const principal = principalOf(c);
        const user = await readUser(context.storage, principal.userId);
        if (!user) throw userNotFound(principal.userId);
        const session = c.get('session');
        return c.json({
          user: userView(user),
          via: principal.via,
          ...(session ? { csrfToken: csrfTokenFor(session.token, await context.secret()) } : {}),
        });
      },
    }),
    implement(api.auth.changePassword, {
      guard: guards.signedIn(),
      handler: async (c, { body }) => {
        const principal = principalOf(c);
        const user = await readUser(context.storage, principal.userId);
        if (!user) throw userNotFound(principal.userId);
        // the current password is guessed no faster here than at sign-in
        const attempt = { ip: clientAddress(c), username: user.username };
        await assertLoginAllowed(context.loginLimiter, attempt);
        if (!(await verifyPassword(body.current, user.passwordHash))) {
          await context.loginLimiter.failed(attempt);
          throw new ApiError(
            400,
            'wrong_password',
            { en: 'the current password is wrong', 'zh-CN': '当前密码不正确' },
            '/current',
          );
        }
        const keep = c.get('session')?.id;
        await setPassword(context, user._id, body.next, {
          field: '/next',
          ...(keep === undefined ? {} : { keep }),
        });
        return c.json({ changed: true as const });
      },
    }),
  ];
}
