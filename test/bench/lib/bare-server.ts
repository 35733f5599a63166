/**
 * The peer of B1 and B2: a bare Hono app on @hono/node-server over the same storage adapter
 * Tessera uses (`createPouchStorage`, embedded LevelDB under `DATA_DIR/pouchdb`), with no auth,
 * no validation, no audit:
 *   - `POST /records`: `storage.create` of a record document of the shape Tessera writes;
 *   - `GET /records/:id`: `storage.get`;
 *   - `GET /records?limit=`: one page of the `records-by-table` index (the same Mango index and
 *     query shape as Tessera's `all` scope), newest first.
 * Hono and its Node adapter are loaded from @tessera/server's own resolution (the test package
 * does not list them), so the peer runs exactly the copies Tessera runs.
 * With `BARE_MODE=raw` (B2) the reads use raw PouchDB (the copy the adapter loads) instead:
 * `db.get(id)`, and `db.find` (pouchdb-find) on the same `records-by-table` index with the
 * same selector and sort, `use_index` naming it.
 * Prints `listening on http://127.0.0.1:<port>/` once ready. SIGTERM/SIGINT close and exit 0.
 * Env: PORT (0 = any), DATA_DIR (required).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPouchStorage, newId } from '@tessera/runtime';

interface Context {
  req: {
    json(): Promise<unknown>;
    param(name: string): string;
    query(name: string): string | undefined;
  };
  json(body: unknown, status?: number): Response;
}
type Handler = (c: Context) => Promise<Response> | Response;
interface HonoApp {
  get(path: string, handler: Handler): HonoApp;
  post(path: string, handler: Handler): HonoApp;
  fetch: (request: Request) => Response | Promise<Response>;
}
interface NodeServer {
  on(event: 'error', listener: (error: Error) => void): void;
  close(callback?: () => void): void;
  closeAllConnections?: () => void;
}

const serverRequire = createRequire(new URL('../../../server/package.json', import.meta.url));
const { Hono } = serverRequire('hono') as { Hono: new () => HonoApp };
const { serve } = serverRequire('@hono/node-server') as {
  serve(
    options: { fetch: HonoApp['fetch']; hostname: string; port: number },
    listening: (info: AddressInfo) => void,
  ): NodeServer;
};

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('bare-server: DATA_DIR is required');
const port = Number(process.env.PORT ?? 0);

const raw = process.env.BARE_MODE === 'raw';
const path = join(dataDir, 'pouchdb', 'tessera');

interface RawPouch {
  get(id: string): Promise<Record<string, unknown>>;
  find(query: Record<string, unknown>): Promise<{ docs: unknown[]; warning?: string }>;
  close(): Promise<void>;
}
const runtimeRequire = createRequire(createRequire(import.meta.url).resolve('@tessera/runtime'));
const PouchDB = runtimeRequire('pouchdb') as {
  new (name: string): RawPouch;
  plugin(plugin: unknown): void;
};
if (raw) PouchDB.plugin(runtimeRequire('pouchdb-find'));
const rawDb = raw ? new PouchDB(path) : undefined;
const storage = raw ? undefined : await createPouchStorage({ kind: 'embedded', path });
await storage?.ensureIndexes([
  { name: 'records-by-table', fields: ['type', 'app', 'table', 'createdAt'] },
]);

const app = new Hono();
app.post('/records', async (c) => {
  const body = (await c.req.json()) as { values?: Record<string, unknown> };
  const now = new Date().toISOString();
  if (!storage) return c.json({ error: { code: 'read_only' } }, 405);
  const written = await storage.create({
    _id: newId('record'),
    type: 'record',
    schemaVersion: 1,
    app: 'contracts',
    table: 'contract',
    appVersion: 1,
    values: body.values ?? {},
    createdAt: now,
    createdBy: 'user:bench',
    updatedAt: now,
    updatedBy: 'user:bench',
  });
  return c.json({ id: written.id, _rev: written.rev }, 201);
});
app.get('/records/:id', async (c) => {
  if (rawDb) {
    try {
      return c.json(await rawDb.get(c.req.param('id')));
    } catch {
      return c.json({ error: { code: 'not_found' } }, 404);
    }
  }
  const doc = await storage!.get(c.req.param('id'));
  return doc ? c.json(doc) : c.json({ error: { code: 'not_found' } }, 404);
});
app.get('/records', async (c) => {
  const limit = Number(c.req.query('limit') ?? 50);
  const sort = (['type', 'app', 'table', 'createdAt'] as const).map((field) => ({
    [field]: 'desc' as const,
  }));
  const selector = { type: 'record', app: 'contracts', table: 'contract' };
  if (rawDb) {
    const found = await rawDb.find({
      selector: { ...selector, createdAt: { $gt: null } },
      sort,
      limit,
      use_index: ['records-by-table', 'records-by-table'],
    });
    if (found.warning) return c.json({ error: { code: 'no_index', message: found.warning } }, 500);
    return c.json({ items: found.docs });
  }
  const page = await storage!.find({ index: 'records-by-table', selector, sort, limit });
  return c.json({ items: page.docs, next: page.next });
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/`);
});
server.on('error', (error) => {
  console.error(`bare-server: ${error.message}`);
  process.exit(1);
});
const stop = () => {
  server.close(() => {
    (rawDb ?? storage!).close().finally(() => process.exit(0));
  });
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
