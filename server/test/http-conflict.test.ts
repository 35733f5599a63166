import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConflictError } from '@tessera/runtime';
import { Hono } from 'hono';
import { handleError } from '../src/http/error-handlers.ts';

it('answers a write that kept losing races with 409 conflict, not 500', async () => {
  const app = new Hono();
  app.post('/api/thing', () => {
    throw new ConflictError('user:01');
  });
  app.onError(handleError);
  const response = await app.request('/api/thing', { method: 'POST' });
  assert.equal(response.status, 409);
  const body = (await response.json()) as { error: { code: string } };
  assert.equal(body.error.code, 'conflict');
});
