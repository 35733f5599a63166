import type { Context } from 'hono';
import { type ApiEnv, PLATFORM_ROLES, type PlatformRole, type Principal } from './api-env.ts';
import { ApiError } from './api-error.ts';

const GUARD: unique symbol = Symbol('tessera.guard');

/** What the OpenAPI document says about a guard. */
export interface GuardInfo {
  /** `public`, `signedIn`, `role(admin, designer)`: the `x-tessera-guard` of an operation. */
  readonly name: string;
  /** No credentials needed (no `security` entry in the document). */
  readonly public: boolean;
}

/**
 * Decides whether a request may reach a route: resolves when it may, throws ApiError 401/403
 * when it may not. Made only by `defineGuard` (or the `guards` below), so a route cannot be
 * given an arbitrary function by mistake.
 */
export interface Guard {
  (c: Context<ApiEnv>): Promise<void>;
  readonly [GUARD]: GuardInfo;
}

export function defineGuard(info: GuardInfo, check: (c: Context<ApiEnv>) => Promise<void>): Guard {
  const guard = (c: Context<ApiEnv>) => check(c);
  return Object.assign(guard, { [GUARD]: info });
}

export const isGuard = (value: unknown): value is Guard =>
  typeof value === 'function' && GUARD in value;

export const guardInfo = (guard: Guard): GuardInfo => guard[GUARD];

/** The signed-in principal, or 401. */
function principalOf(c: Context<ApiEnv>): Principal {
  const principal = c.get('principal');
  if (principal) return principal;
  throw new ApiError(
    401,
    'unauthenticated',
    {
      en: 'sign in first: this route needs a session or an API token',
      'zh-CN': '请先登录：此接口需要登录会话或 API 令牌',
    },
    undefined,
    {},
    { 'WWW-Authenticate': 'Bearer realm="tessera"' },
  );
}

/**
 * The guards routes choose from (an object because `public` is a reserved word in modules).
 * `role` does not imply admin: list every role that may call the route.
 */
export const guards = {
  /**
   * Anyone, signed in or not: only for routes that read no stored data, for sign-in, and for
   * public forms (外部填报), which answer only about what an app published for anonymous use.
   */
  public: (): Guard => defineGuard({ name: 'public', public: true }, async () => {}),

  /** Any signed-in principal, whatever its roles. */
  signedIn: (): Guard =>
    defineGuard({ name: 'signedIn', public: false }, async (c) => {
      principalOf(c);
    }),

  /** A signed-in principal holding at least one of `roles`. */
  role: (first: PlatformRole, ...more: PlatformRole[]): Guard => {
    const roles = [first, ...more];
    const unknown = roles.filter((one) => !PLATFORM_ROLES.includes(one));
    if (unknown.length > 0) throw new TypeError(`unknown platform role(s): ${unknown.join(', ')}`);
    return defineGuard({ name: `role(${roles.join(', ')})`, public: false }, async (c) => {
      const principal = principalOf(c);
      if (principal.roles.some((held) => roles.includes(held))) return;
      throw new ApiError(403, 'forbidden', {
        en: `this needs the role ${roles.join(' or ')}`,
        'zh-CN': `此操作需要以下角色之一：${roles.join('、')}`,
      });
    });
  },
} as const;
