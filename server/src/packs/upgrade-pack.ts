import {
  type AppDefinition,
  celToJson,
  type DataMigration,
  type DefinitionChange,
  diffApps,
  migrateValues,
  migrationPath,
  type PackManifest,
  packApp,
  stepsFor,
} from '@tessera/core';
import { ConflictError } from '@tessera/runtime';
import type { AppDocument, AppVersionDocument } from '../apps/app-documents.ts';
import { appDocId, versionDocId } from '../apps/app-documents.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { ApiError } from '../http/api-error.ts';
import { type AppRolesFields, appRolesId } from '../records/app-roles.ts';
import { AUDIT_MARGIN_MS } from '../records/audit-roll-forward.ts';
import { InvalidSystemWrite, systemValues } from '../records/prepared-values.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import { recoverRecordAudits } from '../records/recover-record-audits.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { isoNow } from '../storage/store-context.ts';
import { isRunning, type Journal, moveJournal, readJournal, whileActive } from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { journalId } from './pack-documents.ts';
import { invalidPack, PackRefusal } from './pack-errors.ts';
import { compareVersions, type PackSource } from './pack-sources.ts';

export interface UpgradePreview {
  readonly from: string;
  readonly to: string;
  readonly changes: readonly DefinitionChange[];
  readonly migrations: readonly {
    readonly from: string;
    readonly to: string;
    readonly steps: readonly (DataMigration['steps'][number] & { readonly records: number })[];
  }[];
}

interface Checked {
  readonly journal: Journal;
  readonly pack: PackManifest;
  readonly app: AppDefinition;
  readonly before: AppDefinition;
}

async function check(context: PackContext, source: PackSource): Promise<Checked> {
  const checked = context.platform.validatePack(source.manifest);
  if (!checked.ok) throw invalidPack(checked.issues);
  const pack = checked.value as PackManifest;
  const app = packApp(pack);
  const journal = await readJournal(context, app.id);
  if (!journal || !['installed', 'upgrading'].includes(journal.state)) {
    throw new PackRefusal(404, 'pack_not_installed', {
      en: `${pack.name} is not installed; install it first`,
      'zh-CN': `${pack.name} 尚未安装，请先安装`,
    });
  }
  if (journal.state === 'installed' && compareVersions(pack.version, journal.version) <= 0) {
    throw new PackRefusal(409, 'pack_not_newer', {
      en: `${pack.name} ${journal.version} is installed; ${pack.version} is not newer`,
      'zh-CN': `已安装 ${pack.name} ${journal.version}；${pack.version} 不是更新的版本`,
    });
  }
  const appDoc = await context.storage.get<AppDocument>(appDocId(app.id));
  const beforeVersion =
    journal.state === 'upgrading' ? journal.appVersion - 1 : appDoc!.latestVersion;
  const before = (await context.storage.get<AppVersionDocument>(
    versionDocId(app.id, beforeVersion),
  ))!.definition;
  return { journal, pack, app, before };
}

async function countRecords(context: PackContext, app: string, table: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await context.storage.find<RecordFields>({
      index: INDEX.recordsByTable,
      selector: { type: RECORD_TYPE, app, table },
      fields: ['_id'],
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    count += page.docs.length;
    cursor = page.next;
  } while (cursor);
  return count;
}

/** What an upgrade will change, before anything is changed: definitions and data migrations. */
export async function previewUpgrade(
  context: PackContext,
  source: PackSource,
): Promise<UpgradePreview> {
  const { journal, pack, app, before } = await check(context, source);
  const path = migrationPath(pack, journal.fromVersion ?? journal.version);
  const counts = new Map<string, number>();
  for (const step of path.flatMap((one) => one.steps)) {
    if (!counts.has(step.table))
      counts.set(step.table, await countRecords(context, app.id, step.table));
  }
  return {
    from: journal.fromVersion ?? journal.version,
    to: pack.version,
    changes: diffApps(before, app),
    migrations: path.map((migration) => ({
      from: migration.from,
      to: migration.to,
      steps: migration.steps.map((step) => ({ ...step, records: counts.get(step.table) ?? 0 })),
    })),
  };
}

/**
 * Upgrades an installed pack: the journal is marked `upgrading` first, then the new version is
 * published (not yet live), every record of the app made with an older version is migrated to
 * it (values moved by the migration steps, computed fields recomputed, audited), and last the
 * app document names the new version. It rolls forward: an interrupted upgrade is resumed by
 * running it again, since a migrated record carries the new version and is passed over.
 */
export async function startUpgrade(
  context: PackContext,
  source: PackSource,
  actor: string,
): Promise<{ journal: Journal; finished: Promise<Journal> }> {
  const { journal, pack, app } = await check(context, source);
  if (journal.state === 'upgrading' && isRunning(context, journal)) {
    throw new PackRefusal(409, 'pack_busy', {
      en: `app "${app.id}" is being upgraded; wait until it ends`,
      'zh-CN': `应用“${app.id}”正在升级，请等待其完成`,
    });
  }
  const from = journal.fromVersion ?? journal.version;
  const resuming = journal.state === 'upgrading';
  const appVersion = resuming ? journal.appVersion : journal.appVersion + 1;
  const started = await moveJournal(context, app.id, {
    state: 'upgrading',
    step: 'publish',
    fromVersion: from,
    version: pack.version,
    source: source.ref,
    appVersion,
    done: 0,
    total: 0,
    holder: context.instanceId,
    // a resumed upgrade keeps the start of the first try: what it migrated is looked at again
    startedAt: resuming ? journal.startedAt : isoNow(context),
    error: undefined,
  });
  const path = migrationPath(pack, from);

  const run = async (): Promise<Journal> => {
    const now = isoNow(context);
    if (resuming) {
      // A record migrated just before the interruption may lack its audit entry (the record is
      // written first), and is passed over from now on: its entry is rolled forward (ADR 0018).
      const since = new Date(Date.parse(started.startedAt) - AUDIT_MARGIN_MS).toISOString();
      await recoverRecordAudits(context, since, now);
    }
    try {
      await context.storage.create<AppVersionDocument>({
        _id: versionDocId(app.id, appVersion),
        type: 'appversion',
        schemaVersion: 1,
        app: app.id,
        version: appVersion,
        definition: app,
        publishedAt: now,
        publishedBy: actor,
        note: `${pack.name} ${from} → ${pack.version}`,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // published by the interrupted try
    }
    let total = 0;
    for (const table of app.tables) total += await countRecords(context, app.id, table.id);
    await moveJournal(context, app.id, { step: 'migrate', total });
    const migrate = () => migrateRecords(context, app, appVersion, path, actor);
    let done = await migrate();
    await moveJournal(context, app.id, { done });
    await context.storage.mutate<AppDocument & { pack?: object }>(appDocId(app.id), (current) => ({
      ...current,
      draft: app,
      latestVersion: Math.max(current.latestVersion, appVersion),
      updatedAt: isoNow(context),
      updatedBy: actor,
      pack: { name: pack.name, version: pack.version },
    }));
    done += await migrate(); // records written on the old version while this ran
    // row rules for tables new in this version; the admin's rules for the others stay
    await context.storage.mutate<AppRolesFields>(appRolesId(app.id), (current) => {
      const added = Object.entries(pack.rows ?? {}).filter(([table]) => !(table in current.rows));
      return added.length === 0
        ? undefined
        : { ...current, rows: { ...current.rows, ...Object.fromEntries(added) } };
    });
    const finishedAt = isoNow(context);
    // no `fromVersion` any more: the upgrade is over (an undefined field is not stored)
    const upgraded = await moveJournal(context, app.id, {
      state: 'installed',
      step: 'done',
      done,
      total: Math.max(total, done),
      finishedAt,
      fromVersion: undefined,
      history: [...started.history, { version: pack.version, action: 'upgrade', at: finishedAt }],
    });
    await appendAudit(context.storage, {
      actor,
      action: 'pack.upgrade',
      subject: { id: journalId(app.id), type: 'packinstall' },
      before: { version: from },
      after: { version: pack.version, appVersion, migrated: done },
    });
    return upgraded;
  };
  const finished = whileActive(context, app.id, () =>
    run().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      return moveJournal(context, app.id, {
        error: {
          code: 'upgrade_interrupted',
          message: {
            en: `upgrading to ${pack.version} stopped: ${reason}; run the upgrade again to finish it`,
            'zh-CN': `升级到 ${pack.version} 中止：${reason}；再次运行升级即可完成`,
          },
        },
      });
    }),
  );
  return { journal: started, finished };
}

/** A migrated record's values, or an error naming the record the migration leaves invalid. */
function migrated<T>(id: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof InvalidSystemWrite)) throw error;
    throw new Error(`record "${id}" would be left invalid: ${error.message}`);
  }
}

/** Migrates every record of the app made with an older version; answers how many it changed. */
async function migrateRecords(
  context: PackContext,
  app: AppDefinition,
  appVersion: number,
  path: ReturnType<typeof migrationPath>,
  actor: string,
): Promise<number> {
  const { storage, platform, writer } = context;
  let changed = 0;
  for (const table of app.tables) {
    const steps = stepsFor(path, table.id);
    const environment = platform.expressions(app, table.id);
    const user = { id: actor, name: actor, department: '', roles: [] as string[] };
    // passes through the table in creation order, each page after the last (not from the start
    // again: that made an upgrade quadratic); a record changed meanwhile is taken by another pass
    for (let missed = true; missed; ) {
      missed = false;
      let cursor: string | undefined;
      do {
        const page = await storage.find<RecordFields>({
          index: INDEX.recordsByTable,
          selector: {
            type: RECORD_TYPE,
            app: app.id,
            table: table.id,
            appVersion: { $lt: appVersion },
          },
          sort: [{ type: 'asc' }, { app: 'asc' }, { table: 'asc' }, { createdAt: 'asc' }],
          limit: 200,
          ...(cursor === undefined ? {} : { cursor }),
        });
        cursor = page.next;
        for (const doc of page.docs) {
          const now = isoNow(context);
          const moved = migrateValues(doc.values, steps, (expression, field, values) => {
            const type = table.fields.find((one) => one.id === field);
            const result = environment
              .compile(expression)
              .evaluate({ ...values, now, currentUser: user });
            const definition = type && platform.fieldTypes.get(type.type);
            return definition
              ? definition.fromCel(result, { ...type, config: type.config ?? {} } as never)
              : celToJson(result);
          });
          const target = { app, version: appVersion, table };
          const values = migrated(doc._id, () =>
            systemValues(platform, target, moved, { now, user }),
          );
          try {
            await writer.update(doc, values, { id: actor }, { appVersion });
          } catch (error) {
            if (!(error instanceof ApiError && error.status === 409)) throw error;
            missed = true; // changed meanwhile: the next pass has it again
            continue;
          }
          changed += 1;
        }
      } while (cursor !== undefined);
    }
  }
  return changed;
}
