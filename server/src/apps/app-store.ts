import { type AppDefinition, type Issue, issue, type Platform } from '@tessera/core';
import { ConflictError, type Page, type StoragePort, type Stored } from '@tessera/runtime';
import { appendAudit } from '../audit/audit-entry.ts';
import {
  type AppDocument,
  type AppVersionDocument,
  appDocId,
  versionDocId,
} from './app-documents.ts';

/** A refusal of the app store, with the issues that explain it (a 400 or 404/409 in the API). */
export class AppStoreError extends Error {
  override name = 'AppStoreError';
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'exists',
    readonly issues: readonly Issue[],
  ) {
    super(issues[0]?.message.en ?? kind);
  }
}

export interface AppStore {
  list(page?: { cursor?: string; limit?: number }): Promise<Page<AppDocument>>;
  get(appId: string): Promise<Stored<AppDocument>>;
  /** Creates an app from a valid definition; its id must be new. */
  create(definition: unknown, actor: string): Promise<Stored<AppDocument>>;
  /** Replaces the draft with a valid definition of the same app id. */
  saveDraft(appId: string, definition: unknown, actor: string): Promise<Stored<AppDocument>>;
  /** Publishes the draft as the next immutable version. */
  publish(appId: string, actor: string, note?: string): Promise<Stored<AppVersionDocument>>;
  versions(
    appId: string,
    page?: { cursor?: string; limit?: number },
  ): Promise<Page<AppVersionDocument>>;
  version(appId: string, version: number): Promise<Stored<AppVersionDocument>>;
}

/**
 * Apps and their published versions in storage. Every definition is validated by the platform
 * before it is stored (the same rules the designer and pack installer use); versions are
 * created once under a deterministic id and never changed; every change is audited.
 */
export function createAppStore(
  storage: StoragePort,
  platform: Platform,
  clock = () => new Date(),
): AppStore {
  const valid = (input: unknown): AppDefinition => {
    const result = platform.validateApp(input);
    if (!result.ok) throw new AppStoreError('invalid', result.issues);
    return result.value;
  };
  const get = async (appId: string) => {
    const found = await storage.get<AppDocument>(appDocId(appId));
    if (!found) throw notFound(appId);
    return found;
  };

  return {
    list: (page = {}) =>
      storage.find<AppDocument>({ index: 'apps-by-id', selector: { type: 'app' }, ...page }),
    get,
    async create(input, actor) {
      const definition = valid(input);
      const now = clock().toISOString();
      const doc = {
        _id: appDocId(definition.id),
        type: 'app',
        schemaVersion: 1,
        appId: definition.id,
        draft: definition,
        latestVersion: 0,
        createdAt: now,
        createdBy: actor,
        updatedAt: now,
        updatedBy: actor,
      } as const;
      try {
        await storage.create<AppDocument>(doc);
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new AppStoreError('exists', [
            issue('/id', 'app.exists', {
              en: `an app with id "${definition.id}" exists already`,
              'zh-CN': `ID 为“${definition.id}”的应用已存在`,
            }),
          ]);
        }
        throw error;
      }
      await appendAudit(storage, {
        actor,
        action: 'app.create',
        subject: { id: doc._id, type: 'app' },
        app: definition.id,
        after: { appId: definition.id },
      });
      return get(definition.id);
    },
    async saveDraft(appId, input, actor) {
      const definition = valid(input);
      if (definition.id !== appId) {
        throw new AppStoreError('invalid', [
          issue('/id', 'app.idChanged', {
            en: `the definition is of app "${definition.id}", not "${appId}"`,
            'zh-CN': `该定义属于应用“${definition.id}”，而不是“${appId}”`,
          }),
        ]);
      }
      const before = await get(appId);
      await storage.mutate<AppDocument>(appDocId(appId), (current) => ({
        ...current,
        draft: definition,
        updatedAt: clock().toISOString(),
        updatedBy: actor,
      }));
      await appendAudit(storage, {
        actor,
        action: 'app.saveDraft',
        subject: { id: before._id, type: 'app' },
        app: appId,
        before: { rev: before._rev },
      });
      return get(appId);
    },
    async publish(appId, actor, note) {
      const app = await get(appId);
      const definition = valid(app.draft);
      // the number is claimed by creating its document: a concurrent publish gets a conflict and takes the next
      for (let version = app.latestVersion + 1; version <= app.latestVersion + 1000; version++) {
        const doc = {
          _id: versionDocId(appId, version),
          type: 'appversion',
          schemaVersion: 1,
          app: appId,
          version,
          definition,
          publishedAt: clock().toISOString(),
          publishedBy: actor,
          ...(note === undefined ? {} : { note }),
        } as const;
        try {
          await storage.create<AppVersionDocument>(doc);
        } catch (error) {
          if (error instanceof ConflictError) continue;
          throw error;
        }
        await storage.mutate<AppDocument>(appDocId(appId), (current) =>
          current.latestVersion >= version ? undefined : { ...current, latestVersion: version },
        );
        await appendAudit(storage, {
          actor,
          action: 'app.publish',
          subject: { id: doc._id, type: 'appversion' },
          app: appId,
          after: { version },
        });
        const stored = await storage.get<AppVersionDocument>(doc._id);
        if (!stored) throw notFound(appId, version);
        return stored;
      }
      throw new Error(`could not claim a version number for app "${appId}" after 1000 tries`);
    },
    versions: (appId, page = {}) =>
      storage.find<AppVersionDocument>({
        index: 'versions-by-app',
        selector: { type: 'appversion', app: appId },
        sort: [{ type: 'desc' }, { app: 'desc' }, { version: 'desc' }],
        ...page,
      }),
    async version(appId, version) {
      const found = await storage.get<AppVersionDocument>(versionDocId(appId, version));
      if (!found) throw notFound(appId, version);
      return found;
    },
  };
}

function notFound(appId: string, version?: number): AppStoreError {
  const what = version === undefined ? `app "${appId}"` : `version ${version} of app "${appId}"`;
  const zh = version === undefined ? `应用“${appId}”` : `应用“${appId}”的版本 ${version}`;
  return new AppStoreError('not_found', [
    issue('', 'app.notFound', { en: `there is no ${what}`, 'zh-CN': `不存在${zh}` }),
  ]);
}
