import { type Issue, issue } from '../issues/issue.ts';

/** The kinds of persisted definition documents, each with its own schema version. */
export const DOCUMENT_KINDS = [
  'pack',
  'app',
  'table',
  'form',
  'flow',
  'view',
  'role',
  'dictionary',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Moves one kind of document from schema version `from` to `from + 1`. */
export interface Migration {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly from: number;
  up(document: Record<string, unknown>): Record<string, unknown>;
}

export interface MigrationSet {
  /** The version this build of Tessera writes, per kind. */
  readonly current: Readonly<Record<DocumentKind, number>>;
  readonly migrations: readonly Migration[];
}

/** The schema versions this build writes. Raise one and add a migration together. */
export const CURRENT_VERSIONS: Readonly<Record<DocumentKind, number>> = {
  pack: 1,
  app: 1,
  table: 1,
  form: 1,
  flow: 1,
  view: 1,
  role: 1,
  dictionary: 1,
};

/** Migrations of Tessera's own definition shapes, oldest first. None yet: every shape is at version 1. */
export const CORE_MIGRATIONS: MigrationSet = { current: CURRENT_VERSIONS, migrations: [] };

export type MigrateResult =
  | {
      readonly ok: true;
      readonly document: Record<string, unknown>;
      readonly applied: readonly string[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Brings a document of `kind` up to the current version, one step at a time. A document saved
 * by a newer Tessera is refused (never guessed at), as is a gap in the migration chain.
 */
export function migrateDocument(
  set: MigrationSet,
  kind: DocumentKind,
  document: Record<string, unknown>,
  path: string,
  inheritedVersion?: number,
): MigrateResult {
  const target = set.current[kind];
  const declared = document.schemaVersion;
  const version = declared === undefined ? inheritedVersion : declared;
  if (version === undefined) {
    return fail(path, 'version.missing', {
      en: `has no "schemaVersion"; this Tessera writes ${kind} version ${target}`,
      'zh-CN': `缺少“schemaVersion”；当前版本的 Tessera 使用 ${kind} 版本 ${target}`,
    });
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`${path}/schemaVersion`, 'version.invalid', {
      en: `must be a whole number of at least 1, but is ${JSON.stringify(version)}`,
      'zh-CN': `应为不小于 1 的整数，实际为 ${JSON.stringify(version)}`,
    });
  }
  if (version > target) {
    return fail(`${path}/schemaVersion`, 'version.newer', {
      en: `this ${kind} was saved by a newer Tessera (version ${version}); this one reads up to version ${target}. Upgrade Tessera to load it`,
      'zh-CN': `此${kind}由更新版本的 Tessera 保存（版本 ${version}），当前最多支持版本 ${target}。请升级 Tessera 后再加载`,
    });
  }
  let current = document;
  const applied: string[] = [];
  for (let step = version; step < target; step++) {
    const migration = set.migrations.find((one) => one.kind === kind && one.from === step);
    if (!migration) {
      return fail(`${path}/schemaVersion`, 'version.gap', {
        en: `no migration takes a ${kind} from version ${step} to ${step + 1}`,
        'zh-CN': `缺少将${kind}从版本 ${step} 升级到 ${step + 1} 的迁移`,
      });
    }
    current = { ...migration.up(JSON.parse(JSON.stringify(current))), schemaVersion: step + 1 };
    applied.push(migration.id);
  }
  if (declared === undefined && applied.length === 0) return { ok: true, document, applied };
  return { ok: true, document: declared === undefined ? stripVersion(current) : current, applied };
}

function stripVersion(document: Record<string, unknown>): Record<string, unknown> {
  const { schemaVersion: _dropped, ...rest } = document;
  return rest;
}

function fail(path: string, code: string, message: { en: string; 'zh-CN': string }): MigrateResult {
  return { ok: false, issues: [issue(path, code, message)] };
}
