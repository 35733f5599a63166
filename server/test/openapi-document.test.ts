import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@tessera/core';
import { defineRoute } from '../src/http/define-route.ts';
import { guards } from '../src/http/guards.ts';
import { type OpenApiDocument, openApiDocument } from '../src/index.ts';
import { makeApp } from './helpers.ts';

type Operation = Record<string, unknown> & {
  security: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  parameters: Record<string, unknown>[];
};
const operationOf = (document: OpenApiDocument, path: string, method: string) =>
  document.paths[path]![method] as Operation;

const app = await makeApp();
const documentIn = async (locale: string) =>
  (await (await app.request(`/api/openapi.json?locale=${locale}`)).json()) as OpenApiDocument;

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 with tags, the error component and both security schemes', async () => {
    const document = await documentIn('en');
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.info.title, 'Tessera API');
    assert.match(String(document.info.version), /^\d+\.\d+\.\d+/);
    const components = document.components as {
      schemas: { Error: { properties: Record<string, unknown> } };
      securitySchemes: Record<string, { type: string }>;
    };
    assert.ok(components.schemas.Error.properties.error);
    assert.deepEqual(Object.keys(components.securitySchemes).sort(), ['bearerAuth', 'cookieAuth']);
    const tags = document.tags.map((tag) => tag.name);
    for (const tag of ['definitions', 'expressions', 'platform', 'reference'])
      assert.ok(tags.includes(tag));
  });

  it('gives public routes no security and names the guard', async () => {
    const health = operationOf(await documentIn('en'), '/api/health', 'get');
    assert.deepEqual(health.security, []);
    assert.equal(health['x-tessera-guard'], 'public');
    assert.equal(health.summary, 'Liveness and server version');
  });

  it('takes request and response schemas straight from TypeBox', async () => {
    const check = operationOf(await documentIn('en'), '/api/expressions/check', 'post');
    const body = check.requestBody!.content['application/json']!.schema;
    assert.equal(body.type, 'object');
    assert.deepEqual(body.required, ['source']);
    assert.deepEqual(check.responses['400']!.content!['application/json']!.schema, {
      $ref: '#/components/schemas/Error',
    });
    assert.ok(check.responses['413'], 'a route with a body documents 413');
    const types = operationOf(await documentIn('en'), '/api/apps/types', 'post');
    assert.deepEqual(Object.keys(types.responses['200']!.content!), ['text/plain']);
  });

  it('speaks Chinese when asked', async () => {
    const document = await documentIn('zh-CN');
    assert.equal(operationOf(document, '/api/packs/validate', 'post').summary, '校验模板包清单');
  });
});

describe('openApiDocument', () => {
  const route = (guard: ReturnType<typeof guards.public>, operationId?: string) =>
    defineRoute({
      method: 'get',
      path: '/records/:id',
      ...(operationId ? { operationId } : {}),
      summary: { en: 'A record', 'zh-CN': '一条记录' },
      tags: ['records'],
      guard,
      query: Type.Object({
        fields: Type.Optional(Type.String({ description: 'comma-separated' })),
      }),
      responses: { 200: Type.Object({ id: Type.String() }) },
      handler: (c) => c.json({ id: c.req.param('id') }),
    });

  it('documents guarded routes with cookie or bearer auth, 401 and 403, and parameters', () => {
    const document = openApiDocument([route(guards.role('admin', 'designer'))], {
      title: 'T',
      version: '1.0.0',
    });
    const operation = operationOf(document, '/api/records/{id}', 'get');
    assert.deepEqual(operation.security, [{ cookieAuth: [] }, { bearerAuth: [] }]);
    assert.equal(operation['x-tessera-guard'], 'role(admin, designer)');
    for (const status of ['200', '400', '401', '403'])
      assert.ok(operation.responses[status], status);
    assert.deepEqual(
      operation.parameters.map((one) => one.name ?? one.$ref),
      ['id', 'fields', '#/components/parameters/locale'],
    );
    assert.equal(operation.operationId, 'getRecordsById');
  });

  it('refuses two routes with one operationId', () => {
    assert.throws(
      () =>
        openApiDocument([route(guards.signedIn(), 'same'), route(guards.signedIn(), 'same')], {
          title: 'T',
          version: '1',
        }),
      /operationId "same"/,
    );
  });
});
