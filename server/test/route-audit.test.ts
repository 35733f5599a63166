import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { declaredRouteOf } from '../src/http/register-routes.ts';
import { undeclaredApiRoutes } from '../src/http/route-audit.ts';
import type { OpenApiDocument } from '../src/index.ts';
import { makeApp } from './helpers.ts';

describe('every /api route is declared with a guard', () => {
  it('enumerates app.routes and finds nothing undeclared or unguarded', () => {
    const app = makeApp();
    const api = app.routes.filter((route) => route.path.startsWith('/api'));
    assert.ok(api.length >= 9, 'the audit sees the mounted routes');
    assert.deepEqual(undeclaredApiRoutes(app), []);
  });

  it('catches a route added by hand, at /api or through a top-level wildcard', () => {
    const app = makeApp();
    app.get('/api/sneaky', (c) => c.json({ secret: true }));
    app.post('/api/*', (c) => c.json({}));
    app.all('*', (c) => c.json({}));
    assert.deepEqual(undeclaredApiRoutes(app), ['GET /api/sneaky', 'POST /api/*', 'ALL /*']);
  });

  it('catches a hand-made route mounted with app.route', () => {
    const app = makeApp();
    const sub = new Hono();
    sub.get('/users', (c) => c.json([]));
    app.route('/api', sub);
    assert.deepEqual(undeclaredApiRoutes(app), ['GET /api/users']);
  });
});

describe('the OpenAPI document', () => {
  it('holds every declared route with its operationId and guard', async () => {
    const app = makeApp();
    const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
    const declared = app.routes.flatMap((route) => {
      const found = declaredRouteOf(route.handler);
      return found ? [found] : [];
    });
    assert.ok(declared.length >= 9);
    for (const route of declared) {
      const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
      const operation = document.paths[path]?.[route.method];
      assert.ok(operation, `${route.method} ${path} is documented`);
      assert.equal(operation.operationId, route.operationId);
      assert.equal(typeof operation['x-tessera-guard'], 'string');
    }
    const documented = Object.values(document.paths).flatMap((methods) => Object.keys(methods));
    assert.equal(documented.length, declared.length, 'and nothing else');
  });
});
