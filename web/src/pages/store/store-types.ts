import type { Bilingual } from '@tessera/core';

/** Where an install, upgrade or removal stands (`GET /api/packs/{name}/install`). */
export interface InstallState {
  readonly app: string;
  readonly pack: string;
  readonly version: string;
  readonly state: 'installing' | 'installed' | 'upgrading' | 'removing' | 'failed';
  readonly step: InstallStep;
  readonly done: number;
  readonly total: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly error?: { readonly code: string; readonly message: Bilingual };
  readonly previousVersions?: readonly string[];
  /** During an upgrade: the version it comes from. */
  readonly fromVersion?: string;
}

export type InstallStep =
  | 'validate'
  | 'plugins'
  | 'definitions'
  | 'demo'
  | 'roles'
  | 'publish'
  | 'migrate'
  | 'done';

/** A plugin the pack needs, and whether this server has a version in its range. */
export interface PackPlugin {
  readonly name: string;
  readonly range: string;
  readonly installed?: string;
  readonly ok: boolean;
}

export interface PackRole {
  readonly id: string;
  readonly label: Bilingual | string;
  readonly description?: Bilingual | string;
}

/** One pack of the store (`GET /api/packs`). */
export interface PackListing {
  readonly name: string;
  readonly version: string;
  /** The installed app's id (the name with `-` as `_`). */
  readonly app?: string;
  readonly label: Bilingual | string;
  readonly description?: Bilingual | string;
  readonly requires: Readonly<Record<string, string>>;
  readonly plugins: readonly PackPlugin[];
  readonly roles: readonly PackRole[];
  readonly counts: {
    readonly tables: number;
    readonly forms: number;
    readonly flows: number;
    readonly views: number;
    readonly demo: number;
  };
  readonly screenshot?: string;
  readonly source: 'bundled' | 'uploaded';
  /** Whether the pack passes validation on this server, plugins included; and why not. */
  readonly valid?: boolean;
  readonly issues?: readonly PackIssue[];
  readonly installed?: InstallState;
}

export interface PackIssue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual | string;
}

/** One difference between the installed version and the one offered. */
export interface PackChange {
  readonly part: 'table' | 'field' | 'form' | 'flow' | 'view' | 'role' | 'dictionary' | 'reminder';
  readonly id: string;
  readonly label?: Bilingual | string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly detail?: Bilingual | string;
}

/** A data migration step the upgrade applies, with how many records it touches. */
export interface PackMigration {
  readonly op: string;
  readonly table: string;
  readonly records: number;
  readonly [more: string]: unknown;
}

/** The migrations of one version step (`1.0.0` → `1.1.0`), each step with its record count. */
export interface PackMigrationPath {
  readonly from: string;
  readonly to: string;
  readonly steps: readonly PackMigration[];
}

export interface UpgradePreview {
  readonly from: string;
  readonly to: string;
  readonly changes: readonly PackChange[];
  /** Grouped by version step, or (as the plan first said) the steps alone. */
  readonly migrations: readonly (PackMigrationPath | PackMigration)[];
}

/** Who a pack role goes to: people (user ids) and departments (department ids). */
export interface RoleChoice {
  readonly users: readonly { readonly id: string; readonly name: string }[];
  readonly departments: readonly { readonly id: string; readonly name: string }[];
}

/** `POST /api/packs/{name}/install`'s body. */
export interface InstallBody {
  readonly version?: string;
  readonly roles: Readonly<
    Record<string, { readonly users?: readonly string[]; readonly departments?: readonly string[] }>
  >;
  readonly demo: boolean;
}
