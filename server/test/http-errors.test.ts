import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BODY_BYTES } from '../src/index.ts';
import { errorOf, makeApp, post } from './helpers.ts';

const app = await makeApp();

describe('errors', () => {
  it('answers a body that is not JSON with 400 invalid_json', async () => {
    for (const body of ['{"name": ', 'not json', '', "{'a': 1}"]) {
      const { status, json } = await post(app, '/api/packs/validate', body);
      assert.equal(status, 400, body);
      assert.equal(errorOf(json).code, 'invalid_json');
      assert.equal(typeof errorOf(json).message, 'string');
      assert.doesNotMatch(JSON.stringify(json), /at .*\.ts:\d+/, 'no stack trace');
    }
  });

  it('gives the line and column of a JSON syntax error when the parser names one', async () => {
    const { status, json } = await post(
      app,
      '/api/packs/validate',
      '{\n  "name": "x",\n  "version" 1\n}',
    );
    assert.equal(status, 400);
    const error = errorOf(json) as ReturnType<typeof errorOf> & { line: number; column: number };
    assert.deepEqual([error.line, error.column], [3, 13]);
    assert.match(error.message, /line 3, column 13/);
  });

  it('answers in Chinese when asked', async () => {
    const { json } = await post(app, '/api/packs/validate?locale=zh-CN', 'nope');
    assert.match(errorOf(json).message, /JSON/);
    assert.match(errorOf(json).message, /[\u4e00-\u9fff]/);
  });

  it('refuses a body over 5 MB with 413', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) });
    const { status, json } = await post(app, '/api/packs/validate', body);
    assert.equal(status, 413);
    assert.equal(errorOf(json).code, 'payload_too_large');
  });

  it('refuses absurdly nested JSON without overflowing', async () => {
    const body = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const { status, json } = await post(app, '/api/packs/validate', `{"tables": ${body}}`);
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'too_deep');
  });

  it('answers unknown routes and wrong methods with a JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing'],
      ['GET', '/api/packs/validate'],
      ['DELETE', '/api/health'],
      ['GET', '/somewhere/else'],
    ] as const) {
      const response = await app.request(path, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.match(response.headers.get('content-type') ?? '', /json/);
      assert.equal(errorOf((await response.json()) as Record<string, unknown>).code, 'not_found');
    }
  });
});
