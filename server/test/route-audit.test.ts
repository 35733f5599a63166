import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { guardInfo } from '../src/http/guards.ts';
import { declaredRouteOf } from '../src/http/register-routes.ts';
import { undeclaredApiRoutes } from '../src/http/route-audit.ts';
import type { OpenApiDocument } from '../src/index.ts';
import { makeApp } from './helpers.ts';

describe('every /api route is declared with a guard', () => {
  it('enumerates app.routes and finds nothing undeclared or unguarded', async () => {
    const app = await makeApp();
    const api = app.routes.filter((route) => route.path.startsWith('/api'));
    assert.ok(api.length >= 33, 'the audit sees the mounted routes');
    assert.deepEqual(undeclaredApiRoutes(app), []);
  });

  it('guards the accounts and organisation routes as intended', async () => {
    const app = await makeApp();
    const guardOf = new Map(
      app.routes.flatMap((route) => {
        const found = declaredRouteOf(route.handler);
        return found
          ? [[`${found.method.toUpperCase()} ${found.path}`, guardInfo(found.guard).name]]
          : [];
      }),
    );
    const expected: Record<string, string> = {
      'POST /auth/login': 'public',
      'POST /auth/logout': 'signedIn',
      'GET /auth/me': 'signedIn',
      'POST /auth/password': 'signedIn',
      'GET /auth/tokens': 'signedIn',
      'POST /auth/tokens': 'signedIn',
      'DELETE /auth/tokens/:id': 'signedIn',
      'GET /users': 'role(admin)',
      'POST /users': 'role(admin)',
      'GET /users/:id': 'role(admin)',
      'PATCH /users/:id': 'role(admin)',
      'POST /users/:id/password': 'role(admin)',
      'GET /departments': 'signedIn',
      'POST /departments': 'role(admin)',
      'GET /departments/:id': 'signedIn',
      'PATCH /departments/:id': 'role(admin)',
      'DELETE /departments/:id': 'role(admin)',
      'GET /departments/:id/members': 'signedIn',
      'GET /positions': 'signedIn',
      'POST /positions': 'role(admin)',
      'PATCH /positions/:id': 'role(admin)',
      'DELETE /positions/:id': 'role(admin)',
      'POST /import/users': 'role(admin)',
      'POST /import/departments': 'role(admin)',
    };
    for (const [route, guard] of Object.entries(expected)) {
      assert.equal(guardOf.get(route), guard, route);
    }
    const publicRoutes = [...guardOf].filter(([, guard]) => guard === 'public').map(([r]) => r);
    assert.deepEqual(
      publicRoutes.sort(),
      [
        'GET /apps/types',
        'GET /health',
        'GET /openapi.json',
        'GET /platform',
        'GET /reference',
        'GET /reference/assets/:file',
        'POST /apps/types',
        'POST /apps/validate',
        'POST /auth/login',
        'POST /expressions/check',
        'POST /packs/validate',
        // public forms: only what an app published for anonymous use, rate-limited writes
        'GET /public/forms/:app/:publicForm',
        'POST /public/forms/:app/:publicForm/submissions',
        'GET /public/receipts/:receipt',
      ]
        .filter((route) => guardOf.has(route))
        .sort(),
      'only sign-in, stored-data-free and public-form routes are public',
    );
  });

  it('catches a route added by hand, at /api or through a top-level wildcard', async () => {
    const app = await makeApp();
    app.get('/api/sneaky', (c) => c.json({ secret: true }));
    app.post('/api/*', (c) => c.json({}));
    app.all('*', (c) => c.json({}));
    assert.deepEqual(undeclaredApiRoutes(app), ['GET /api/sneaky', 'POST /api/*', 'ALL /*']);
  });

  it('catches a hand-made route mounted with app.route', async () => {
    const app = await makeApp();
    const sub = new Hono();
    sub.get('/users', (c) => c.json([]));
    app.route('/api', sub);
    assert.deepEqual(undeclaredApiRoutes(app), ['GET /api/users']);
  });
});

describe('the OpenAPI document', () => {
  it('holds every declared route with its operationId and guard', async () => {
    const app = await makeApp();
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
