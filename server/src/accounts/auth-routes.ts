import { Type } from '@tessera/core';
import type { Context } from 'hono';
import { csrfTokenFor } from '../auth/csrf-protection.ts';
import { assertLoginAllowed } from '../auth/login-rate-limiter.ts';
import { verifyPassword } from '../auth/password-hash.ts';
import type { ApiEnv, Principal } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import type { AccountsContext } from './accounts-context.ts';
import { clientAddress } from './client-address.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { endSession } from './sessions.ts';
import { setPassword } from './set-password.ts';
import { signIn } from './sign-in.ts';
import { userNotFound } from './update-user.ts';
import { readUser, UserViewSchema, userView } from './user-document.ts';

const SignedInSchema = Type.Object(
  {
    user: UserViewSchema,
    csrfToken: Type.Optional(
      Type.String({ description: 'send it as x-csrf-token on POST, PUT, PATCH and DELETE' }),
    ),
    via: Type.Optional(Type.Union([Type.Literal('session'), Type.Literal('token')])),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'SignedIn' },
);

/** The principal a guard let through (the guard guarantees one). */
export function principalOf(c: Context<ApiEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new Error('a signed-in route ran without a principal');
  return principal;
}

/** Sign-in, sign-out, who am I, and changing one's own password. */
export function authRoutes(context: AccountsContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary: { en: 'Sign in with username and password', 'zh-CN': '用用户名和密码登录' },
      description: {
        en: 'Sets the tessera_session cookie (HttpOnly, SameSite=Lax) and returns the CSRF token to send as x-csrf-token on writes. Failed attempts are limited per username and address (429 with Retry-After).',
        'zh-CN':
          '设置 tessera_session Cookie（HttpOnly，SameSite=Lax），并返回写操作时需放在 x-csrf-token 头中的 CSRF 令牌。失败次数按用户名和地址限制（超出时 429 并带 Retry-After）。',
      },
      tags: ['accounts'],
      // public: this is how one becomes signed in; rate-limited, and cross-origin posts are refused
      guard: guards.public(),
      body: Type.Object(
        {
          username: Type.String({ minLength: 1, maxLength: 200 }),
          password: Type.String({ minLength: 1, maxLength: 4096 }),
        },
        { additionalProperties: false },
      ),
      responses: { 200: SignedInSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
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
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: { en: 'Sign out (ends this session)', 'zh-CN': '退出登录（结束当前会话）' },
      tags: ['accounts'],
      guard: guards.signedIn(),
      responses: { 200: Type.Object({ signedOut: Type.Boolean() }) },
      handler: async (c) => {
        const session = c.get('session');
        if (session) await endSession(context, session.id);
        clearSessionCookie(c);
        return c.json({ signedOut: session !== undefined });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      summary: { en: 'The signed-in user', 'zh-CN': '当前登录的用户' },
      tags: ['accounts'],
      guard: guards.signedIn(),
      responses: { 200: SignedInSchema },
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
    defineRoute({
      method: 'post',
      path: '/auth/password',
      summary: { en: 'Change my password', 'zh-CN': '修改我的密码' },
      description: {
        en: 'Needs the current password. Every other session of the user ends; this one stays.',
        'zh-CN': '需要当前密码。该用户的其他会话全部结束，当前会话保留。',
      },
      tags: ['accounts'],
      guard: guards.signedIn(),
      body: Type.Object(
        {
          current: Type.String({ minLength: 1, maxLength: 4096 }),
          next: Type.String({ minLength: 1, maxLength: 4096 }),
        },
        { additionalProperties: false },
      ),
      responses: {
        200: Type.Object({ changed: Type.Literal(true) }),
        400: ErrorSchema,
        429: ErrorSchema,
      },
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
