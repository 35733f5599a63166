import type { AppStore } from '../apps/app-store.ts';
import type { PublishedApps } from '../records/published-apps.ts';

/** Every app with a published version, at its latest version. */
export async function workspaceApps(apps: AppStore, published: PublishedApps) {
  const found: { app: string; version: number; definition: unknown }[] = [];
  let cursor: string | undefined;
  do {
    const page = await apps.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const app of page.docs) {
      if (app.latestVersion < 1) continue;
      const latest = await published.latest(app.appId);
      found.push({ app: app.appId, version: latest.version, definition: latest.definition });
    }
    cursor = page.next;
  } while (cursor);
  return found;
}
