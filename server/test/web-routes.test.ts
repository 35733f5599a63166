import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeApp } from './helpers.ts';

const app = await makeApp();

describe("the implementers' page", () => {
  it('serves the page at /platform with a strict content security policy', async () => {
    const response = await app.request('/platform');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await response.text();
    assert.match(html, /<title>Tessera/);
    assert.match(html, /\/platform\/assets\/app\.js/);
  });

  it('serves its script, styles and example pack', async () => {
    for (const [path, type] of [
      ['/platform/assets/app.js', /javascript/],
      ['/platform/assets/styles.css', /text\/css/],
      ['/platform/assets/example-pack.json', /json/],
    ] as const) {
      const response = await app.request(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', type, path);
    }
  });

  it('serves nothing outside its folder', async () => {
    for (const path of [
      '/platform/assets/missing.js',
      '/platform/assets/%2e%2e/create-app.ts',
      '/platform/assets/..%2fcreate-app.ts',
      '/platform/assets//etc/passwd',
      '/ui/%2e%2e/index.html',
    ]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
    }
  });
});

describe('the end-user app', () => {
  const built = mkdtempSync(join(tmpdir(), 'tessera-web-'));
  mkdirSync(join(built, 'ui'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>Tessera</title><tessera-app>');
  writeFileSync(join(built, 'ui', 'index-abc.js'), 'export {};');
  const withApp = makeApp({ appRoot: built });

  it('answers every page of the app with its one page, not cached', async () => {
    const served = await withApp;
    for (const path of [
      '/',
      '/login',
      '/inbox/done',
      '/items/01ABC',
      '/start',
      '/apps/x/views/y',
    ]) {
      const response = await served.request(path);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<tessera-app>/, path);
      assert.equal(response.headers.get('cache-control'), 'no-cache', path);
    }
  });

  it('serves its hashed bundle for a year, and 404s what is not an app page', async () => {
    const served = await withApp;
    const script = await served.request('/ui/index-abc.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    assert.equal((await served.request('/ui/missing.js')).status, 404);
    assert.equal((await served.request('/nowhere')).status, 404);
  });

  it('says how to build it when it is not built', async () => {
    const served = await makeApp({ appRoot: join(built, 'missing') });
    const response = await served.request('/');
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm start/);
  });
});
