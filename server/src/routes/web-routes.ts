import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** The folder of the implementers' page: plain HTML, one ES module, CSS, the example pack. */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
/** The end-user app as Vite builds it (`web/`, built by `npm start`). */
export const APP_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * The end-user app's routes: each answers its one page, which routes in the browser. Listed,
 * not a catch-all, so an unknown address still gets the API's 404.
 */
export const APP_PAGES = [
  '/',
  '/login',
  '/inbox/*',
  '/items/*',
  '/start',
  '/start/*',
  '/apps',
  '/apps/*',
  '/records/*',
  '/public/*',
  '/sync',
  '/notices',
  '/store',
  '/store/*',
] as const;

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tessera</title>
<p>The end-user app is not built yet: run <code>npm start</code>, which builds it.
The implementers' page is at <a href="/platform">/platform</a>.</p>`;

/**
 * `GET /platform` (the implementers' page) with its files under `/platform/assets/*`, and the
 * end-user app: its pages and its bundle under `/ui/*` (hashed names, cached for a year).
 * Missing files fall through to the 404.
 */
export function webRoutes(root: string = WEB_ROOT, appRoot: string = APP_ROOT): Hono {
  const routes = new Hono();
  routes.get('/platform', serveStatic({ root, path: 'index.html' }));
  routes.get(
    '/platform/assets/*',
    serveStatic({ root, rewriteRequestPath: (path) => path.slice('/platform/assets'.length) }),
  );
  const page = serveStatic({ root: appRoot, path: 'index.html' });
  for (const path of APP_PAGES) {
    routes.get(path, async (c, next) => {
      if (!existsSync(join(appRoot, 'index.html'))) return c.html(NOT_BUILT, 503);
      c.header('cache-control', 'no-cache');
      return page(c, next);
    });
  }
  // the service worker is looked up at the root of its scope, never cached by HTTP
  routes.get(
    '/sw.js',
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('cache-control', 'no-cache');
    },
    serveStatic({ root: appRoot, path: 'sw.js' }),
  );
  routes.get(
    '/ui/*',
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
    },
    serveStatic({ root: appRoot }),
  );
  return routes;
}
