/// <reference path="../../../web/src/offline/pouchdb-browser.d.ts" />
/**
 * B7's browser side, bundled with esbuild (b7-offline-sync.ts) and served same-origin with the
 * API: the real offline modules of the web app (`OfflineStore` on pouchdb-browser/IndexedDB,
 * `SyncEngine`, `ApiClient`) and, for the peer, plain pouchdb-browser replicating to
 * pouchdb-server. The benchmark drives it through `window.b7` with Playwright.
 */
import PouchDB from 'pouchdb-browser';
import { ApiClient } from '../../../web/src/api/api-client.ts';
import { type OfflineStore, openOfflineStore } from '../../../web/src/offline/offline-db.ts';
import { SyncEngine } from '../../../web/src/offline/sync-engine.ts';
import { valuesOf } from './b7-values.ts';

interface PeerDb {
  put(doc: Record<string, unknown>): Promise<unknown>;
  replicate: {
    to(target: string, options?: Record<string, unknown>): Promise<{ docs_written: number }>;
  };
  info(): Promise<{ doc_count: number }>;
}

const api = new ApiClient(() => 'en');
let store: OfflineStore | undefined;
let engine: SyncEngine | undefined;
let peer: PeerDb | undefined;

/** ms spent in each store method and in the sync routes' calls since the last `sync()` began. */
let profile: Record<string, number> = {};

/** Wraps an object's async methods so each adds its time to `profile` (the object is unchanged). */
function timed<T extends object>(target: T, names: readonly string[], prefix: string): T {
  const methods = target as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of names) {
    const original = methods[name]!.bind(target);
    methods[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        const key = `${prefix}${name}`;
        profile[key] = (profile[key] ?? 0) + performance.now() - start;
      }
    };
  }
  return target;
}
timed(api.call.sync, ['push', 'pull'], 'api.sync.');

export const b7 = {
  /** Signs in as the page would (same-origin POST) and keeps the CSRF token. */
  async signIn(username: string, password: string): Promise<void> {
    const answer = await api.call.auth.login({ body: { username, password } });
    api.csrfToken = answer.csrfToken;
  },

  /** A fresh offline store (its own IndexedDB database) and sync engine for a round. */
  async openTessera(name: string): Promise<void> {
    store = timed(
      await openOfflineStore(name),
      ['outbox', 'dequeue', 'addConflicts', 'pendingCount', 'conflictCount', 'cached', 'applyPull'],
      'store.',
    );
    engine = new SyncEngine(api, store);
  },

  /** Queues n `create` commands one at a time, as n offline submissions would; ms taken. */
  async queue(round: number, n: number, app: string, table: string): Promise<number> {
    if (!store) throw new Error('no store');
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      await store.queue({
        id: crypto.randomUUID(),
        kind: 'create',
        app,
        table,
        values: valuesOf(round, i),
      });
    }
    return performance.now() - start;
  },

  /** `engine.queue` (store.queue + refresh, what a page calls) once more, at the outbox's size. */
  async queueOneThroughEngine(round: number, i: number, app: string, table: string) {
    if (!engine) throw new Error('no engine');
    const start = performance.now();
    await engine.queue({
      id: crypto.randomUUID(),
      kind: 'create',
      app,
      table,
      values: valuesOf(round, i),
    });
    return performance.now() - start;
  },

  /** One `engine.sync()`; ms taken, the outbox left and the error the engine recorded. */
  async sync(): Promise<{
    ms: number;
    pending: number;
    conflicts: number;
    profile: Record<string, number>;
    error?: string;
  }> {
    if (!engine || !store) throw new Error('no engine');
    profile = {};
    const start = performance.now();
    await engine.sync();
    const ms = performance.now() - start;
    const spent = profile;
    const pending = (await store.outbox()).length;
    const conflicts = (await store.conflicts()).length;
    const { error } = engine.status;
    return { ms, pending, conflicts, profile: spent, ...(error === undefined ? {} : { error }) };
  },

  /** ms of one full read of the outbox, of a count of it, and of a read of one push batch. */
  async readOutbox(): Promise<{ ms: number; size: number; countMs: number; batchMs: number }> {
    if (!store) throw new Error('no store');
    let start = performance.now();
    const size = (await store.outbox()).length;
    const ms = performance.now() - start;
    start = performance.now();
    await store.pendingCount();
    const countMs = performance.now() - start;
    start = performance.now();
    await store.outbox(100);
    return { ms, size, countMs, batchMs: performance.now() - start };
  },

  /** The peer: the same submissions as plain documents in a browser PouchDB, one put each. */
  async peerWrite(name: string, round: number, n: number): Promise<number> {
    peer = new PouchDB(name, { auto_compaction: true }) as PeerDb;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      await peer.put({
        _id: `submission:${String(i).padStart(6, '0')}-${crypto.randomUUID()}`,
        type: 'submission',
        values: valuesOf(round, i),
        at: new Date().toISOString(),
      });
    }
    return performance.now() - start;
  },

  /** PouchDB's own one-shot replication to the remote database; ms and documents written. */
  async peerReplicate(remote: string): Promise<{ ms: number; written: number }> {
    if (!peer) throw new Error('no peer');
    const start = performance.now();
    const result = await peer.replicate.to(new URL(remote, location.href).href);
    return { ms: performance.now() - start, written: result.docs_written };
  },
};

(globalThis as unknown as { b7: typeof b7 }).b7 = b7;
