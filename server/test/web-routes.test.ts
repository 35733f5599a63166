import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeApp } from './helpers.ts';

const app = await makeApp();

describe('the web page', () => {
  it('serves the page at / with a strict content security policy', async () => {
    const response = await app.request('/');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await response.text();
    assert.match(html, /<title>Tessera<\/title>/);
    assert.match(html, /\/assets\/app\.js/);
  });

  it('serves its script, styles and example pack', async () => {
    for (const [path, type] of [
      ['/assets/app.js', /javascript/],
      ['/assets/styles.css', /text\/css/],
      ['/assets/example-pack.json', /json/],
    ] as const) {
      const response = await app.request(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', type, path);
    }
  });

  it('serves nothing outside its folder', async () => {
    for (const path of [
      '/assets/missing.js',
      '/assets/%2e%2e/create-app.ts',
      '/assets/..%2fcreate-app.ts',
      '/assets//etc/passwd',
    ]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
    }
  });
});
