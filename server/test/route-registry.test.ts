import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@tessera/core';
import { Hono } from 'hono';
import type { ApiEnv, Principal } from '../src/http/api-env.ts';
import { type ApiRoute, defineRoute } from '../src/http/define-route.ts';
import { handleError, handleNotFound } from '../src/http/error-handlers.ts';
import { type Guard, guards } from '../src/http/guards.ts';
import { registerRoutes } from '../src/http/register-routes.ts';
import { errorOf, post } from './helpers.ts';

const Item = Type.Object({
  name: Type.String({ minLength: 1 }),
  lines: Type.Optional(Type.Array(Type.Object({ sku: Type.String(), qty: Type.Integer() }))),
});

const echo = (guard: Guard, path = '/items') =>
  defineRoute({
    method: 'post',
    path,
    summary: { en: 'Echo an item', 'zh-CN': '回显' },
    tags: ['test'],
    guard,
    body: Item,
    query: Type.Object({ mode: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])) }),
    responses: { 200: Item },
    handler: (c, { body, query }) => c.json({ name: body.name, mode: query.mode ?? null }),
  });

/** An app over `routes`, with `principal` set as the (later) auth middleware would. */
function appWith(routes: ApiRoute[], principal?: Principal): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  if (principal) {
    app.use(async (c, next) => {
      c.set('principal', principal);
      await next();
    });
  }
  registerRoutes(app, routes);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

describe('defineRoute', () => {
  it('refuses a route without a guard, or with a plain function as one', () => {
    const declaration = { ...echo(guards.public()), handler: () => new Response() };
    for (const guard of [undefined, async () => {}]) {
      assert.throws(
        () =>
          defineRoute({ ...declaration, guard } as unknown as Parameters<typeof defineRoute>[0]),
        /has no guard/,
      );
    }
  });

  it('refuses a path under /api, a one-language summary and no 2xx response', () => {
    const base = {
      method: 'get' as const,
      path: '/x',
      summary: { en: 'X', 'zh-CN': 'X' },
      tags: [],
      guard: guards.public(),
      responses: { 200: Type.Null() },
      handler: () => new Response(),
    };
    assert.throws(() => defineRoute({ ...base, path: '/api/x' }), /not with \/api/);
    assert.throws(() => defineRoute({ ...base, summary: { en: 'X', 'zh-CN': '' } }), /zh-CN/);
    assert.throws(() => defineRoute({ ...base, responses: { 400: Type.Null() } }), /2xx/);
    assert.equal(defineRoute({ ...base, path: '/records/:id' }).operationId, 'getRecordsById');
  });

  it('refuses an unknown role', () => {
    assert.throws(() => guards.role('root' as 'admin'), /unknown platform role/);
  });
});

describe('registerRoutes', () => {
  it('mounts under /api and hands the handler the checked body and query', async () => {
    const app = appWith([echo(guards.public())]);
    const { status, json } = await post(app, '/api/items?mode=b', { name: 'bolt' });
    assert.equal(status, 200);
    assert.deepEqual(json, { name: 'bolt', mode: 'b' });
    assert.equal((await post(app, '/items', { name: 'bolt' })).status, 404);
  });

  it('answers a body that breaks the schema with 400 invalid_body naming the field', async () => {
    const app = appWith([echo(guards.public())]);
    let { status, json } = await post(app, '/api/items', {
      name: 'x',
      lines: [{ sku: 'a', qty: 1.5 }],
    });
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'invalid_body');
    assert.equal(errorOf(json).field, '/lines/0/qty');
    assert.match(errorOf(json).message, /whole number/);
    assert.equal(errorOf(json).issues?.[0]?.path, '/lines/0/qty');

    ({ status, json } = await post(app, '/api/items', { lines: [] }));
    assert.equal(status, 400);
    assert.equal(errorOf(json).field, '/name', 'a missing property is named, not its parent');
    assert.match(errorOf(json).message, /missing the required property "name"/);

    ({ json } = await post(app, '/api/items', [1], { 'accept-language': 'zh-CN' }));
    assert.equal(errorOf(json).field, '');
    assert.match(errorOf(json).message, /请求体应为对象/);
  });

  it('keeps JSON syntax errors as invalid_json', async () => {
    const { status, json } = await post(appWith([echo(guards.public())]), '/api/items', '{"name":');
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'invalid_json');
  });

  it('answers a query that breaks the schema with 400 invalid_query naming ?name', async () => {
    const { status, json } = await post(appWith([echo(guards.public())]), '/api/items?mode=c', {
      name: 'x',
    });
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'invalid_query');
    assert.equal(errorOf(json).field, '?mode');
    assert.match(errorOf(json).message, /one of "a", "b"/);
  });

  it('refuses two routes with the same method and path', () => {
    assert.throws(
      () => appWith([echo(guards.public()), echo(guards.signedIn())]),
      /POST \/items is declared twice/,
    );
  });
});

describe('guards', () => {
  const user: Principal = { userId: 'u1', roles: ['user'], via: 'session' };
  const designer: Principal = { userId: 'u2', roles: ['designer'], via: 'token' };

  it('signedIn: 401 without a principal (before the body is read), passes with one', async () => {
    const anonymous = appWith([echo(guards.signedIn())]);
    const { status, json } = await post(anonymous, '/api/items', 'not even JSON');
    assert.equal(status, 401);
    assert.equal(errorOf(json).code, 'unauthenticated');
    const response = await anonymous.request('/api/items', { method: 'POST', body: '{}' });
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal(
      (await post(appWith([echo(guards.signedIn())], user), '/api/items', { name: 'a' })).status,
      200,
    );
  });

  it('role: 401 without a principal, 403 without the role, passes with one of the roles', async () => {
    const route = () => echo(guards.role('admin', 'designer'));
    assert.equal((await post(appWith([route()]), '/api/items', { name: 'a' })).status, 401);
    const refused = await post(appWith([route()], user), '/api/items?locale=zh-CN', { name: 'a' });
    assert.equal(refused.status, 403);
    assert.equal(errorOf(refused.json).code, 'forbidden');
    assert.match(errorOf(refused.json).message, /admin、designer/);
    assert.equal(
      (await post(appWith([route()], designer), '/api/items', { name: 'a' })).status,
      200,
    );
  });

  it('public: anyone', async () => {
    assert.equal(
      (await post(appWith([echo(guards.public())]), '/api/items', { name: 'a' })).status,
      200,
    );
  });
});
