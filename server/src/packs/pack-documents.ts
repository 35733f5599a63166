import type { Bilingual } from '@tessera/core';
import type { PackInstallState } from '@tessera/core/api';
import type { IndexDefinition } from '@tessera/runtime';

export const PACK_INSTALL_TYPE = 'packinstall';
export const PACK_FILE_TYPE = 'packfile';

/** The states and steps the store polls, as the API contract names them. */
export type InstallStateName = PackInstallState['state'];
export type InstallStep = PackInstallState['step'];

/** Where an install's manifest came from, so an interrupted upgrade can read it again. */
export interface PackSourceRef {
  readonly kind: 'bundled' | 'uploaded';
  readonly name: string;
  readonly version: string;
}

/**
 * The journal of one app's pack lifecycle (`packinstall:<app>`), written before anything else:
 * which documents the running install creates (so an interrupted one is rolled back), how far
 * it got (the progress the UI polls), and which versions were installed before.
 */
export interface InstallJournal {
  readonly type: typeof PACK_INSTALL_TYPE;
  readonly schemaVersion: 1;
  readonly app: string;
  readonly pack: string;
  readonly version: string;
  readonly source: PackSourceRef;
  readonly state: InstallStateName;
  readonly step: InstallStep;
  readonly done: number;
  readonly total: number;
  /** The published app version this pack version installed as. */
  readonly appVersion: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Written at every step; a journal left `installing` without it moving was interrupted. */
  readonly heartbeatAt: string;
  /** The process running the step (its instance id). */
  readonly holder: string;
  readonly actor: string;
  /** Ids the running install creates; rolling back removes the ones that exist. */
  readonly written: readonly string[];
  /** The upgrade under way: the version it comes from. */
  readonly fromVersion?: string;
  readonly error?: { readonly code: string; readonly message: Bilingual };
  /** The removal under way: whether the app's data is kept. */
  readonly removal?: 'keep' | 'remove';
  readonly history: readonly {
    readonly version: string;
    readonly action: 'install' | 'upgrade';
    readonly at: string;
  }[];
}

/** A pack uploaded by an admin (`packfile:<name>:<version>`): its manifest, checked. */
export interface PackFileDocument {
  readonly type: typeof PACK_FILE_TYPE;
  readonly schemaVersion: 1;
  readonly name: string;
  readonly version: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

export const journalId = (app: string) => `${PACK_INSTALL_TYPE}:${app}`;
export const packFileId = (name: string, version: string) => `${PACK_FILE_TYPE}:${name}:${version}`;
/** Demo records are stored under ids that tell their app, table and demo key. */
export const demoRecordId = (app: string, table: string, key: string) =>
  `record:${app}-demo-${table}-${key}`;

export const PACK_INDEXES: readonly IndexDefinition[] = [
  /** Every document of one app, whatever its type: what removing an app deletes. */
  { name: 'docs-by-app', fields: ['app', 'type'] },
  /** Idempotency claims by the document they made, removed with it. */
  { name: 'claims-by-target', fields: ['type', 'target'] },
  { name: 'packfiles-by-name', fields: ['type', 'name', 'version'] },
  { name: 'journals-by-state', fields: ['type', 'state'] },
];
