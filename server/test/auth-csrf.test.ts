import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { csrfProtection, csrfTokenFor } from '../src/auth/csrf-protection.ts';
import { handleError } from '../src/http/error-handlers.ts';

const SECRET = 'test-secret-key';
const SESSION = 'session-token-of-ann';
const ORIGIN = 'http://localhost';

const app = new Hono();
app.use(
  '/api/*',
  csrfProtection({ secret: SECRET, trustedOrigins: ['https://tessera.example.com'] }),
);
app.get('/api/thing', (c) => c.json({ read: true }));
app.post('/api/thing', (c) => c.json({ written: true }));
app.delete('/api/thing', (c) => c.json({ deleted: true }));
app.onError(handleError);

const send = async (method: string, headers: Record<string, string>) => {
  const response = await app.request('/api/thing', { method, headers });
  const json = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: json.error?.code };
};
const cookie = { cookie: `tessera_session=${SESSION}` };
const token = { 'x-csrf-token': csrfTokenFor(SESSION, SECRET) };

describe('csrfProtection', () => {
  it('lets safe methods through', async () => {
    assert.deepEqual(await send('GET', { ...cookie, origin: 'https://evil.example' }), {
      status: 200,
      code: undefined,
    });
  });

  it('accepts a same-origin cookie request with the session token', async () => {
    assert.equal((await send('POST', { ...cookie, ...token, origin: ORIGIN })).status, 200);
    const viaReferer = await send('POST', { ...cookie, ...token, referer: `${ORIGIN}/designer/x` });
    assert.equal(viaReferer.status, 200);
    const proxied = await send('POST', {
      ...cookie,
      ...token,
      origin: 'https://tessera.example.com',
    });
    assert.equal(proxied.status, 200, 'a trusted public origin');
  });

  it('refuses a cookie request without the token, or with another session’s', async () => {
    assert.deepEqual(await send('POST', { ...cookie, origin: ORIGIN }), {
      status: 403,
      code: 'csrf_token_missing',
    });
    const other = { 'x-csrf-token': csrfTokenFor('session-token-of-bob', SECRET) };
    assert.deepEqual(await send('POST', { ...cookie, ...other, origin: ORIGIN }), {
      status: 403,
      code: 'csrf_token_mismatch',
    });
    const wrongKey = { 'x-csrf-token': csrfTokenFor(SESSION, 'another-secret') };
    assert.equal(
      (await send('POST', { ...cookie, ...wrongKey, origin: ORIGIN })).code,
      'csrf_token_mismatch',
    );
  });

  it('refuses a cross-origin request even with the right token', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost:8080',
      'https://localhost',
    ]) {
      assert.deepEqual(
        await send('POST', { ...cookie, ...token, origin }),
        {
          status: 403,
          code: 'cross_origin',
        },
        origin,
      );
    }
    const referer = await send('POST', {
      ...cookie,
      ...token,
      referer: 'https://evil.example/page',
    });
    assert.equal(referer.code, 'cross_origin');
  });

  it('refuses a cookie request that names no origin at all', async () => {
    assert.deepEqual(await send('POST', { ...cookie, ...token }), {
      status: 403,
      code: 'origin_required',
    });
  });

  it('refuses cross-origin writes without a session too (login CSRF)', async () => {
    assert.equal((await send('POST', { origin: 'https://evil.example' })).code, 'cross_origin');
    assert.equal((await send('POST', {})).status, 200, 'no cookie, no origin: a script or curl');
  });

  it('exempts API-token requests, which browsers never send by themselves', async () => {
    const bearer = { authorization: 'Bearer some-api-token' };
    assert.equal((await send('POST', { ...bearer, ...cookie })).status, 200);
    assert.equal((await send('DELETE', { ...bearer, origin: 'https://evil.example' })).status, 200);
  });

  it('answers in Chinese when asked', async () => {
    const response = await app.request('/api/thing?locale=zh-CN', {
      method: 'POST',
      headers: { ...cookie, origin: ORIGIN },
    });
    const json = (await response.json()) as { error: { message: string } };
    assert.match(json.error.message, /缺少 x-csrf-token/);
  });
});
