import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ApiEnv } from './api-env.ts';
import type { ApiRoute } from './define-route.ts';
import { safeLocaleOf } from './locale.ts';
import { readJson } from './read-json.ts';
import { checkInput } from './validate-input.ts';

/** Every declared route is mounted below this prefix. */
export const API_PREFIX = '/api';

const DECLARED: unique symbol = Symbol('tessera.declared-route');
const MIDDLEWARE: unique symbol = Symbol('tessera.api-middleware');

/**
 * Mounts declared routes under `/api`. Each request runs the guard first (before the body is
 * read), then checks the query and the JSON body against their schemas, then the handler.
 * Throws on two routes with the same method and path.
 */
export function registerRoutes(app: Hono<ApiEnv>, routes: readonly ApiRoute[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method.toUpperCase()} ${route.path.replace(/:[^/]+/g, ':')}`;
    if (seen.has(key)) throw new Error(`route ${key} is declared twice`);
    seen.add(key);
    const handler = async (c: Context<ApiEnv>) => {
      await route.guard(c);
      const query = route.query ? c.req.query() : undefined;
      if (route.query) checkInput('query', route.query, query, safeLocaleOf(c));
      const body = route.body ? await readJson(c) : undefined;
      if (route.body) checkInput('body', route.body, body, safeLocaleOf(c));
      return route.handle(c, { body, query });
    };
    Object.defineProperty(handler, DECLARED, { value: route });
    app.on(route.method.toUpperCase(), `${API_PREFIX}${route.path}`, handler);
  }
}

/** The declaration behind a handler registered by `registerRoutes`, if it is one. */
export function declaredRouteOf(handler: unknown): ApiRoute | undefined {
  if (typeof handler !== 'function' || !(DECLARED in handler)) return undefined;
  return (handler as { [DECLARED]: ApiRoute })[DECLARED];
}

/**
 * Marks a middleware as deliberately applied to API paths (body limit, security headers, the
 * auth middleware), so the route audit accepts it. A middleware must call `next()` for requests
 * it does not refuse; answering requests itself would make it an undeclared route.
 */
export function apiMiddleware<M extends MiddlewareHandler>(middleware: M): M {
  Object.defineProperty(middleware, MIDDLEWARE, { value: true });
  return middleware;
}

export const isApiMiddleware = (handler: unknown): boolean =>
  typeof handler === 'function' && MIDDLEWARE in handler;
