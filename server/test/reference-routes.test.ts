import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeApp } from './helpers.ts';

const app = await makeApp();

describe('GET /api/reference', () => {
  it('serves a page that loads only self-hosted files', async () => {
    const response = await app.request('/api/reference');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN');
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'reference-init.js']) {
      assert.match(html, new RegExp(`/api/reference/assets/${file.replaceAll('.', '\\.')}`));
    }
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('serves Swagger UI and the initializer from the server', async () => {
    for (const [file, type] of [
      ['swagger-ui.css', /text\/css/],
      ['swagger-ui-bundle.js', /javascript/],
      ['reference-init.js', /javascript/],
    ] as const) {
      const response = await app.request(`/api/reference/assets/${file}`);
      assert.equal(response.status, 200, file);
      assert.match(response.headers.get('content-type') ?? '', type, file);
      assert.ok((await response.arrayBuffer()).byteLength > 100, file);
    }
    const init = await (await app.request('/api/reference/assets/reference-init.js')).text();
    assert.match(init, /url: '\/api\/openapi\.json'/);
  });

  it('serves nothing else from node_modules', async () => {
    for (const file of [
      'index.html',
      'package.json',
      '..%2F..%2Fpackage.json',
      'swagger-ui.js.map',
    ]) {
      const response = await app.request(`/api/reference/assets/${file}`);
      assert.equal(response.status, 404, file);
    }
  });
});
