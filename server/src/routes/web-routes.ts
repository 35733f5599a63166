import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** The folder of the implementers' page: plain HTML, one ES module, CSS, the example pack. */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/** `GET /` (the page) and `GET /assets/*` (its files). Missing files fall through to the 404. */
export function webRoutes(root: string = WEB_ROOT): Hono {
  const routes = new Hono();
  routes.get('/', serveStatic({ root, path: 'index.html' }));
  routes.get(
    '/assets/*',
    serveStatic({ root, rewriteRequestPath: (path) => path.slice('/assets'.length) }),
  );
  return routes;
}
