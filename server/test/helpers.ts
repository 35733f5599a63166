import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPlatform } from '@tessera/core';
import { createPouchStorage, type PouchStorage } from '@tessera/runtime';
import type { Hono } from 'hono';
import { type ApiEnv, type AppOptions, createApp, INSTALLED_PLUGINS } from '../src/index.ts';
import { ensureStorageIndexes } from '../src/storage/storage-indexes.ts';

/** The platform of every test app (immutable, so shared). */
export const testPlatform = createPlatform({ plugins: INSTALLED_PLUGINS });

/**
 * A fresh in-memory database with the server's indexes, as `main.ts` prepares it. Every query
 * the database answered with an index warning lands in `warnings` (tests assert it stays empty).
 */
export async function makeStorage(): Promise<PouchStorage & { readonly warnings: string[] }> {
  const warnings: string[] = [];
  const storage = await createPouchStorage({
    kind: 'memory',
    name: `test-${randomUUID()}`,
    onQuery: (event) => {
      if (event.warning || event.error) warnings.push(event.warning ?? event.error ?? '');
    },
  });
  await ensureStorageIndexes(storage);
  return Object.assign(storage, { warnings });
}

/** One app over the installed plugins and a fresh in-memory storage. */
export async function makeApp(options: Partial<AppOptions> = {}): Promise<Hono<ApiEnv>> {
  return createApp({ platform: testPlatform, storage: await makeStorage(), ...options });
}

/** A fresh copy of the example pack the page offers. */
export function examplePack(): Record<string, unknown> & {
  tables: { id: string; fields: { id: string; type: string }[] }[];
} {
  return JSON.parse(readFileSync(new URL('../src/web/example-pack.json', import.meta.url), 'utf8'));
}

/** The example pack as an app definition (no pack-only parts). */
export function exampleApp(): Record<string, unknown> {
  const { tables, forms, flows, views, roles, label } = examplePack();
  return { schemaVersion: 1, id: 'contracts', label, tables, forms, flows, views, roles };
}

/** POSTs `body` (JSON-encoded unless already a string) and returns status and parsed JSON. */
export async function post(
  app: Hono<ApiEnv>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; text: string; type: string }> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // text responses (the types route) stay in `text`
  }
  return { status: response.status, json, text, type: response.headers.get('content-type') ?? '' };
}

/** The `error` object of an error response, typed loosely for assertions. */
export function errorOf(json: Record<string, unknown>): {
  code: string;
  message: string;
  field?: string;
  issues?: { path: string; code: string; message: string }[];
} {
  return json.error as ReturnType<typeof errorOf>;
}
