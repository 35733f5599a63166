import type { AppDefinition } from '@tessera/core';
import type { SyncEngine } from './sync-engine.ts';

/** The person's inbox entries of one box in the offline copy, newest first. */
export async function cachedInbox<T extends { box: string; createdAt: string }>(
  engine: SyncEngine,
  box: string,
): Promise<T[]> {
  const docs = await engine.store.cached();
  return docs
    .filter((doc) => doc.kind === 'inbox' && (doc.body as T).box === box)
    .map((doc) => doc.body as T)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function cachedItem<T>(engine: SyncEngine, id: string): Promise<T | undefined> {
  return engine.store.cachedBody<T>(`item:${id}`);
}

/** An app version from the offline copy; without `version`, the newest held. */
export async function cachedApp(engine: SyncEngine, app: string, version?: number) {
  if (version !== undefined) {
    const definition = await engine.store.cachedBody<AppDefinition>(`app:${app}@${version}`);
    return definition ? { version, definition } : undefined;
  }
  const held = (await engine.store.cached())
    .filter((doc) => doc.kind === 'app' && doc.id.startsWith(`app:${app}@`))
    .map((doc) => ({
      version: Number(doc.id.slice(doc.id.lastIndexOf('@') + 1)),
      definition: doc.body as AppDefinition,
    }))
    .sort((a, b) => b.version - a.version);
  return held[0];
}

/** Every app held in the offline copy, each at the newest version held. */
export async function cachedApps(
  engine: SyncEngine,
): Promise<{ version: number; definition: AppDefinition }[]> {
  const newest = new Map<string, { version: number; definition: AppDefinition }>();
  for (const doc of await engine.store.cached()) {
    if (doc.kind !== 'app') continue;
    const at = doc.id.lastIndexOf('@');
    const app = doc.id.slice('app:'.length, at);
    const version = Number(doc.id.slice(at + 1));
    if ((newest.get(app)?.version ?? 0) < version)
      newest.set(app, { version, definition: doc.body as AppDefinition });
  }
  return [...newest.values()];
}
