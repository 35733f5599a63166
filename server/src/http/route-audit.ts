import type { Env, Hono } from 'hono';
import { isGuard } from './guards.ts';
import { API_PREFIX, declaredRouteOf, isApiMiddleware } from './register-routes.ts';

/**
 * Every handler on `app` that can answer an `/api` request without having been declared through
 * `defineRoute` with a guard, as `METHOD path` lines: empty when the API is fully guarded.
 * Top-level wildcards (`*`, `/*`, `/:x`) count, since they match `/api/…` too.
 */
export function undeclaredApiRoutes<E extends Env>(app: Hono<E>): string[] {
  return app.routes
    .filter((route) => reachesApi(route.path))
    .filter((route) => {
      if (isApiMiddleware(route.handler)) return false;
      const declared = declaredRouteOf(route.handler);
      return declared === undefined || !isGuard(declared.guard);
    })
    .map((route) => `${route.method} ${route.path}`);
}

function reachesApi(path: string): boolean {
  return (
    path === API_PREFIX ||
    path.startsWith(`${API_PREFIX}/`) ||
    path.startsWith(`${API_PREFIX}*`) ||
    path === '*' ||
    path.startsWith('/*') ||
    path.startsWith('/:')
  );
}
