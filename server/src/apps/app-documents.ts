import type { AppDefinition } from '@tessera/core';
import type { IndexDefinition } from '@tessera/runtime';

/** The working copy of an app: its draft definition, edited in the designer or installed. */
export interface AppDocument {
  readonly type: 'app';
  readonly schemaVersion: 1;
  readonly appId: string;
  readonly draft: AppDefinition;
  /** The highest published version number (a cache; the version documents are the truth). */
  readonly latestVersion: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A published version: immutable, numbered 1, 2, 3 …; records remember which one made them. */
export interface AppVersionDocument {
  readonly type: 'appversion';
  readonly schemaVersion: 1;
  readonly app: string;
  readonly version: number;
  readonly definition: AppDefinition;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly note?: string;
}

/** Deterministic ids: one app document per app id, one version document per number. */
export const appDocId = (appId: string) => `app:${appId}`;
export const versionDocId = (appId: string, version: number) =>
  `appversion:${appId}:${String(version).padStart(6, '0')}`;

export const APP_INDEXES: readonly IndexDefinition[] = [
  { name: 'apps-by-id', fields: ['type', 'appId'] },
  { name: 'versions-by-app', fields: ['type', 'app', 'version'] },
];
