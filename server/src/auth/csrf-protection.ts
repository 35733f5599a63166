import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from '../http/api-error.ts';
import { apiMiddleware } from '../http/register-routes.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../http/security-schemes.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: an HMAC of the session token under the instance secret, so it
 * is bound to that session, needs no storage (servers stay stateless) and cannot be forged
 * without the secret. Sent to the browser at sign-in; sent back in the `x-csrf-token` header.
 */
export function csrfTokenFor(sessionToken: string, secret: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`tessera-csrf\0${sessionToken}`).digest('base64url');
}

export interface CsrfOptions {
  /** The instance's secret key (node-local state). */
  readonly secret: string | Uint8Array;
  readonly cookieName?: string;
  /** Public origins the server is reached at behind a proxy, e.g. `https://tessera.example.com`. */
  readonly trustedOrigins?: readonly string[];
  /**
   * The session token the request is signed in with. By default the session cookie's value;
   * the app passes the token of a *live* session (set by the auth middleware), so a stale
   * cookie left in the browser does not stop the user from signing in again.
   */
  readonly sessionOf?: (c: Context) => string | undefined;
  /**
   * Requests that need no check: routes that act for nobody, whatever session the browser
   * sends along (public form submissions, embedded in customers' own sites).
   */
  readonly exempt?: (c: Context) => boolean;
}

/**
 * Refuses cross-site writes. For POST, PUT, PATCH and DELETE without `Authorization: Bearer`:
 * an `Origin` (else `Referer`) from another origin is a 403 `cross_origin`, with or without a
 * session (this also stops login CSRF); with a session cookie, a same-origin `Origin`/`Referer`
 * and the session's CSRF token in `x-csrf-token` are both required.
 * Bearer requests are exempt: browsers never add that header by themselves. So the auth
 * middleware must authenticate such a request by its token and ignore any cookie.
 */
export function csrfProtection(options: CsrfOptions): MiddlewareHandler {
  const cookieName = options.cookieName ?? SESSION_COOKIE;
  const sessionOf = options.sessionOf ?? ((c: Context) => getCookie(c, cookieName));
  return apiMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (options.exempt?.(c)) return next();
    if (/^Bearer\s/i.test(c.req.header('authorization') ?? '')) return next();
    const origin = senderOrigin(c);
    const ownOrigins = [new URL(c.req.url).origin, ...(options.trustedOrigins ?? [])];
    if (origin !== undefined && !ownOrigins.includes(origin)) {
      throw refusal('cross_origin', {
        en: `a request from ${origin.slice(0, 100)} may not change anything here`,
        'zh-CN': `来自 ${origin.slice(0, 100)} 的请求不能修改此处的数据`,
      });
    }
    const session = sessionOf(c);
    if (session === undefined) return next();
    if (origin === undefined) {
      throw refusal('origin_required', {
        en: 'a signed-in browser request must carry an Origin or Referer header',
        'zh-CN': '已登录的浏览器请求必须带有 Origin 或 Referer 头',
      });
    }
    const sent = c.req.header(CSRF_HEADER);
    if (!sent) {
      throw refusal('csrf_token_missing', {
        en: `the ${CSRF_HEADER} header is missing; send the token given at sign-in`,
        'zh-CN': `缺少 ${CSRF_HEADER} 头，请发送登录时获得的令牌`,
      });
    }
    if (!sameText(sent, csrfTokenFor(session, options.secret))) {
      throw refusal('csrf_token_mismatch', {
        en: `the ${CSRF_HEADER} header does not match this session; sign in again`,
        'zh-CN': `${CSRF_HEADER} 头与当前会话不符，请重新登录`,
      });
    }
    return next();
  });
}

/** The origin the browser says the request comes from: `Origin`, else the `Referer`'s origin. */
function senderOrigin(c: Context): string | undefined {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin; // "null" (sandboxed, privacy redirects) never matches
  const referer = c.req.header('referer');
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const refusal = (code: string, detail: { en: string; 'zh-CN': string }) =>
  new ApiError(403, code, detail);
