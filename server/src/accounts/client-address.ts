import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address sign-in limits count against: the TCP peer. `X-Forwarded-For` is not trusted
 * (anyone can send it); behind a proxy every client shares the proxy's per-address budget, and
 * the per-username limit still holds. Requests made without a socket (`app.request()` in
 * tests) count as `local`.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}
