import type { ApiClient } from '../api/api-client.ts';
import { openOfflineStore } from './offline-db.ts';
import { SyncEngine } from './sync-engine.ts';

/** How often a signed-in page syncs while it stays open and online. */
export const SYNC_EVERY_MS = 60_000;

/**
 * Offline support for one signed-in person: their store and sync engine, synced at once, when
 * the connection comes back, and every minute. `stop()` ends the timers (sign-out).
 */
export async function startOfflineSession(
  api: ApiClient,
  user: string,
  beforeSync: () => Promise<void>,
) {
  const engine = new SyncEngine(api, await openOfflineStore(user), beforeSync);
  const syncIfOnline = () => {
    if (navigator.onLine) void engine.sync();
  };
  addEventListener('online', syncIfOnline);
  const timer = setInterval(syncIfOnline, SYNC_EVERY_MS);
  await engine.refresh();
  syncIfOnline();
  return {
    engine,
    stop() {
      removeEventListener('online', syncIfOnline);
      clearInterval(timer);
    },
  };
}
