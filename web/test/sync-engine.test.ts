import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiClient } from '../src/api/api-client.ts';
import type { OutboxCommand, OutboxResult } from '../src/offline/offline-types.ts';
import { PUSH_BATCH, SyncEngine } from '../src/offline/sync-engine.ts';
import { memoryStore } from './memory-store.ts';

type Handler = (path: string, body: Record<string, unknown>) => Response | Promise<Response>;

/** An API client whose server is a function; `down` makes every request fail as offline does. */
function fakeServer(handler: Handler) {
  const calls: { path: string; body: Record<string, unknown> }[] = [];
  const state = { down: false };
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (state.down) throw new TypeError('Failed to fetch');
    const path = String(input).replace(/^\/api/, '');
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    calls.push({ path, body });
    return handler(path, body);
  }) as typeof fetch;
  return { api: new ApiClient(() => 'en', fetcher), calls, state };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const create = (n: number) => ({
  id: `c${n}`,
  kind: 'create' as const,
  app: 'a',
  table: 't',
  values: { n },
});

/** A server that applies creates by id, once each, and answers an empty working set. */
function applyingServer(applied: Map<string, OutboxCommand>) {
  return (path: string, body: Record<string, unknown>) => {
    if (path === '/sync/push') {
      const results: OutboxResult[] = (body.commands as OutboxCommand[]).map((command) => {
        applied.set(command.id, command);
        return { id: command.id, status: 'applied', result: {} };
      });
      return json({ results });
    }
    return json({ docs: [], removed: [], at: new Date().toISOString() });
  };
}

describe('the sync engine', () => {
  it('pushes the outbox in the order it was made, in batches, then empties it', async () => {
    const applied = new Map<string, OutboxCommand>();
    const server = fakeServer(applyingServer(applied));
    const engine = new SyncEngine(server.api, memoryStore());
    const total = PUSH_BATCH * 2 + 5;
    for (let n = 0; n < total; n += 1) await engine.queue(create(n));
    assert.equal(engine.status.pending, total);
    await engine.sync();
    const pushes = server.calls.filter((call) => call.path === '/sync/push');
    assert.deepEqual(
      pushes.map((call) => (call.body.commands as unknown[]).length),
      [PUSH_BATCH, PUSH_BATCH, 5],
    );
    const order = pushes.flatMap((call) =>
      (call.body.commands as OutboxCommand[]).map((one) => one.id),
    );
    assert.deepEqual(
      order,
      Array.from({ length: total }, (_, n) => `c${n}`),
    );
    assert.equal(engine.status.pending, 0);
    assert.equal(applied.size, total);
    assert.ok(engine.status.lastSyncAt);
  });

  it('keeps what was not sent when the connection drops, and resends it later without loss', async () => {
    const applied = new Map<string, OutboxCommand>();
    let pushes = 0;
    const server = fakeServer((path, body) => {
      if (path === '/sync/push') {
        pushes += 1;
        // the second batch reaches the server but its answer is lost
        if (pushes === 2) {
          for (const command of body.commands as OutboxCommand[]) applied.set(command.id, command);
          server.state.down = true;
          throw new TypeError('Failed to fetch');
        }
      }
      return applyingServer(applied)(path, body);
    });
    const engine = new SyncEngine(server.api, memoryStore());
    for (let n = 0; n < PUSH_BATCH * 3; n += 1) await engine.queue(create(n));
    await engine.sync();
    assert.equal(engine.status.pending, PUSH_BATCH * 2, 'the first batch went; the rest waits');
    assert.ok(engine.status.error, 'the failure is shown');
    server.state.down = false;
    await engine.sync();
    assert.equal(engine.status.pending, 0);
    assert.equal(applied.size, PUSH_BATCH * 3, 'every command reached the server, each id once');
    assert.equal(engine.status.error, undefined);
  });

  it('moves conflicts and refusals to the conflict list with the server version, and goes on', async () => {
    const server = fakeServer((path, body) => {
      if (path !== '/sync/push') return json({ docs: [], removed: [] });
      const results = (body.commands as OutboxCommand[]).map((command): OutboxResult => {
        if (command.id === 'c1') {
          return {
            id: command.id,
            status: 'conflict',
            error: { code: 'task_closed', message: 'someone else decided first' },
            server: { status: 'running' },
          };
        }
        if (command.id === 'c2') {
          return {
            id: command.id,
            status: 'rejected',
            error: { code: 'invalid_record', message: 'bad', field: '/values/amount' },
          };
        }
        return { id: command.id, status: 'applied', result: {} };
      });
      return json({ results });
    });
    const engine = new SyncEngine(server.api, memoryStore());
    for (let n = 0; n < 4; n += 1) await engine.queue(create(n), `write ${n}`);
    await engine.sync();
    assert.equal(engine.status.pending, 0);
    assert.equal(engine.status.conflicts, 2);
    const conflicts = await engine.store.conflicts();
    assert.deepEqual(
      conflicts.map((one) => [one.command.id, one.status, one.label]),
      [
        ['c1', 'conflict', 'write 1'],
        ['c2', 'rejected', 'write 2'],
      ],
    );
    assert.deepEqual(conflicts[0]!.server, { status: 'running' });
    assert.equal(conflicts[1]!.error.field, '/values/amount');
    await engine.store.resolve('c1');
    await engine.refresh();
    assert.equal(engine.status.conflicts, 1);
  });

  it('stops at a server failure so that order is kept: the rest is sent again', async () => {
    const seen: string[] = [];
    let fail = true;
    const server = fakeServer((path, body) => {
      if (path !== '/sync/push') return json({ docs: [], removed: [] });
      const results = (body.commands as OutboxCommand[]).map((command, index): OutboxResult => {
        seen.push(command.id);
        if (fail && index >= 1) return { id: command.id, status: 'retry' };
        return { id: command.id, status: 'applied', result: {} };
      });
      return json({ results });
    });
    const engine = new SyncEngine(server.api, memoryStore());
    for (let n = 0; n < 3; n += 1) await engine.queue(create(n));
    await engine.sync();
    assert.equal(engine.status.pending, 2);
    fail = false;
    await engine.sync();
    assert.equal(engine.status.pending, 0);
    assert.deepEqual(seen, ['c0', 'c1', 'c2', 'c1', 'c2']);
  });

  it('pulls the difference: sends what it holds, stores what changed, drops what left', async () => {
    const server = fakeServer((path, body) => {
      if (path === '/sync/push') return json({ results: [] });
      const known = body.known as Record<string, string>;
      if (!('item:1' in known)) {
        return json({
          docs: [
            { id: 'item:1', kind: 'item', rev: 'r1', body: { id: '1' } },
            { id: 'inbox:t1', kind: 'inbox', rev: 'r1', body: { box: 'todo', createdAt: 'x' } },
          ],
          removed: [],
        });
      }
      assert.deepEqual(known, { 'item:1': 'r1', 'inbox:t1': 'r1' });
      return json({
        docs: [{ id: 'item:1', kind: 'item', rev: 'r2', body: { id: '1', v: 2 } }],
        removed: ['inbox:t1'],
      });
    });
    const store = memoryStore();
    const engine = new SyncEngine(server.api, store);
    await engine.sync();
    assert.equal((await store.cached()).length, 2);
    await engine.sync();
    const held = await store.cached();
    assert.deepEqual(
      held.map((doc) => [doc.id, doc.rev]),
      [['item:1', 'r2']],
    );
    assert.deepEqual(await store.cachedBody('item:1'), { id: '1', v: 2 });
  });
});
