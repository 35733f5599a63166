import type { AppDefinition, TableDefinition } from '@tessera/core';
import type { StoragePort, Stored } from '@tessera/runtime';
import type { AppDocument, AppVersionDocument } from '../apps/app-documents.ts';
import { appDocId, versionDocId } from '../apps/app-documents.ts';
import { appNotPublished, tableNotFound } from './record-errors.ts';

/** One published version of an app, and the table a request is about. */
export interface PublishedTable {
  readonly app: AppDefinition;
  readonly version: number;
  readonly table: TableDefinition;
}

export interface PublishedApps {
  /** The app's latest published version (404 naming the app when it has none). */
  latest(appId: string): Promise<Stored<AppVersionDocument>>;
  /** A given published version (records are validated against the one that made them). */
  version(appId: string, version: number): Promise<Stored<AppVersionDocument>>;
  /** The table of a version (404 naming app and table when the version has no such table). */
  table(doc: AppVersionDocument, tableId: string): PublishedTable;
}

/** How many published versions this process keeps parsed (they are immutable, so never stale). */
const CACHED_VERSIONS = 200;

/**
 * Published versions, read through a small cache: a version never changes, so the same
 * definition object is reused, and with it the expression environments and compiled
 * expressions cached per table. Which version is the latest is read from storage every time
 * (another server may have published one), by id rather than through an index.
 */
export function publishedApps(storage: StoragePort): PublishedApps {
  const cache = new Map<string, Stored<AppVersionDocument>>();
  const remember = (doc: Stored<AppVersionDocument>) => {
    const known = cache.get(doc._id);
    if (known) return known;
    if (cache.size >= CACHED_VERSIONS) cache.delete(cache.keys().next().value ?? '');
    cache.set(doc._id, doc);
    return doc;
  };
  return {
    async latest(appId) {
      // A version is live once the app document names it (one read by id, no index query); a
      // version document a crashed publish left unnamed is passed over by the next publish.
      const app = await storage.get<AppDocument>(appDocId(appId));
      if (app?.type !== 'app' || !(app.latestVersion > 0)) throw appNotPublished(appId);
      return this.version(appId, app.latestVersion);
    },
    async version(appId, version) {
      const id = versionDocId(appId, version);
      const known = cache.get(id);
      if (known) return known;
      const found = await storage.get<AppVersionDocument>(id);
      if (found?.type !== 'appversion') throw appNotPublished(appId);
      return remember(found);
    },
    table(doc, tableId) {
      const table = doc.definition.tables.find((one) => one.id === tableId);
      if (!table) throw tableNotFound(doc.app, tableId);
      return { app: doc.definition, version: doc.version, table };
    },
  };
}
