import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../http/security-schemes.ts';
import { SESSION_POLICY } from './sessions.ts';

/**
 * Whether the browser reached us over https: the request URL, or `X-Forwarded-Proto` from a
 * TLS-terminating proxy. Trusting the header costs nothing here: it only adds `Secure`.
 */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

const flags = (c: Context) =>
  ({ httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) }) as const;

/** `tessera_session=<token>; HttpOnly; SameSite=Lax; Path=/` (+ `Secure` over https). */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    ...flags(c),
    maxAge: Math.floor(SESSION_POLICY.absoluteMs / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, flags(c));
}
