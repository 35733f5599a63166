import { type PackManifest, packApp } from '@tessera/core';
import { ConflictError } from '@tessera/runtime';
import type { AppVersionDocument } from '../apps/app-documents.ts';
import { appDocId } from '../apps/app-documents.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { isoNow } from '../storage/store-context.ts';
import { planInstall, plannedIds } from './install-plan.ts';
import {
  isRunning,
  type Journal,
  moveJournal,
  readJournal,
  removeIds,
  whileActive,
} from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { type InstallJournal, journalId } from './pack-documents.ts';
import { invalidPack, PackRefusal } from './pack-errors.ts';
import type { PackSource } from './pack-sources.ts';
import { checkRoleMapping, type RoleMapping } from './role-mapping.ts';

export interface InstallOptions {
  readonly roles: RoleMapping;
  /** Load the pack's demo records (default true). */
  readonly demo?: boolean;
  readonly actor: string;
}

export interface InstallStart {
  /** The journal as the install began (or as it stands, when the version is installed). */
  readonly journal: Journal;
  /** False when this version was installed already: nothing is done. */
  readonly started: boolean;
  /** Settles with the final journal: `installed`, or `failed` with everything rolled back. */
  readonly finished: Promise<Journal>;
}

/** Demo records written per batch (each with its audit entry): each moves the journal on. */
const BATCH = 250;

/**
 * Checks a pack and starts installing it: the manifest and the plugins it needs, the role
 * mapping, then the journal listing every id it will write. The rest runs on (`finished`):
 * demo records and their audit entries in batches, counters, role mapping, the published
 * version, and last the app document, which makes the app visible. A failure rolls back what
 * was written; a second install of the installed version changes nothing.
 */
export async function startInstall(
  context: PackContext,
  source: PackSource,
  options: InstallOptions,
): Promise<InstallStart> {
  const checked = context.platform.validatePack(source.manifest);
  if (!checked.ok) throw invalidPack(checked.issues);
  const pack = checked.value as PackManifest;
  const app = packApp(pack);
  const roles = await checkRoleMapping(context.storage, app, options.roles);

  const existing = await readJournal(context, app.id);
  if (existing) {
    if (existing.state === 'installed' && existing.version === pack.version) {
      return { journal: existing, started: false, finished: Promise.resolve(existing) };
    }
    if (isRunning(context, existing)) throw busy(app.id, existing);
    if (existing.state === 'installed' || existing.state === 'upgrading') {
      throw new PackRefusal(409, 'pack_installed', {
        en: `${pack.name} ${existing.version} is installed; upgrade it instead of installing ${pack.version}`,
        'zh-CN': `已安装 ${pack.name} ${existing.version}；请升级，而不是安装 ${pack.version}`,
      });
    }
    await rollBack(context, existing);
  } else if (await context.storage.get(appDocId(app.id))) {
    throw new PackRefusal(409, 'app_exists', {
      en: `an app with id "${app.id}" exists already and was not installed from a pack`,
      'zh-CN': `ID 为“${app.id}”的应用已存在，且不是由应用包安装的`,
    });
  }

  const now = isoNow(context);
  const appVersion = (await highestVersion(context, app.id)) + 1;
  const plan = planInstall({
    platform: context.platform,
    pack,
    app,
    roles,
    // data kept from an earlier install is the app's data: demo records are not loaded again
    demo: (options.demo ?? true) && appVersion === 1,
    actor: options.actor,
    now,
    appVersion,
    timeZone: context.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const fields: InstallJournal = {
    type: 'packinstall',
    schemaVersion: 1,
    app: app.id,
    pack: pack.name,
    version: pack.version,
    source: source.ref,
    state: 'installing',
    step: 'definitions',
    done: 0,
    total: plan.demoRecords + 3,
    appVersion,
    startedAt: now,
    heartbeatAt: now,
    holder: context.instanceId,
    actor: options.actor,
    written: plannedIds(plan),
    history: existing?.history ?? [],
  };
  try {
    const previous = existing && (await readJournal(context, app.id));
    if (previous)
      await context.storage.update({ ...fields, _id: previous._id, _rev: previous._rev });
    else await context.storage.create({ _id: journalId(app.id), ...fields });
  } catch (error) {
    if (error instanceof ConflictError) throw busy(app.id, fields);
    throw error;
  }
  const journal = (await readJournal(context, app.id))!;

  const run = async (): Promise<Journal> => {
    let done = 0;
    await moveJournal(context, app.id, { step: 'demo' });
    for (let i = 0; i < plan.demo.length; i += BATCH) {
      const batch = plan.demo.slice(i, i + BATCH);
      // announced once the app is there to stay: a rolled back install owes no events
      await context.writer.createBatch(batch, { announce: false });
      done += batch.length;
      await moveJournal(context, app.id, { done });
    }
    for (const counter of plan.counters) await context.storage.create(counter);
    await moveJournal(context, app.id, { step: 'roles', done: ++done });
    await context.storage.create(plan.roles);
    await moveJournal(context, app.id, { step: 'publish', done: ++done });
    await context.storage.create(plan.version);
    await context.storage.create(plan.appDoc);
    await context.writer.announceCreated(plan.demo.map((record) => record.id));
    const finishedAt = isoNow(context);
    const installed = await moveJournal(context, app.id, {
      state: 'installed',
      step: 'done',
      done: ++done,
      finishedAt,
      written: [],
      history: [...fields.history, { version: pack.version, action: 'install', at: finishedAt }],
    });
    await appendAudit(context.storage, {
      actor: options.actor,
      action: 'pack.install',
      subject: { id: journalId(app.id), type: 'packinstall' },
      after: { pack: pack.name, version: pack.version, appVersion, demo: plan.demoRecords },
    });
    return installed;
  };

  const finished = whileActive(context, app.id, () =>
    run().catch(async (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      const current = (await readJournal(context, app.id)) ?? journal;
      await removeIds(context, current.written);
      return moveJournal(context, app.id, {
        state: 'failed',
        finishedAt: isoNow(context),
        written: [],
        error: {
          code: 'install_failed',
          message: {
            en: `installing ${pack.name} ${pack.version} failed and was rolled back: ${reason}`,
            'zh-CN': `安装 ${pack.name} ${pack.version} 失败，已回滚：${reason}`,
          },
        },
      });
    }),
  );
  return { journal, started: true, finished };
}

/** Removes what an interrupted or failed install wrote; the journal stays, marked failed. */
export async function rollBack(context: PackContext, journal: Journal): Promise<Journal> {
  if (journal.state === 'installing') {
    const app = await context.storage.get<{ pack?: { version?: string } }>(appDocId(journal.app));
    // the app document is written last: if it is there, only the journal's last step was lost
    // (and maybe the demo records' events: announcing is idempotent)
    if (app?.pack?.version === journal.version) {
      await context.writer.announceCreated(journal.written);
      return moveJournal(context, journal.app, {
        state: 'installed',
        step: 'done',
        done: journal.total,
        written: [],
        finishedAt: isoNow(context),
        holder: context.instanceId,
        history: [
          ...journal.history,
          { version: journal.version, action: 'install', at: isoNow(context) },
        ],
      });
    }
  }
  await removeIds(context, journal.written);
  return moveJournal(context, journal.app, {
    state: 'failed',
    written: [],
    holder: context.instanceId,
    finishedAt: isoNow(context),
    error: journal.error ?? {
      code: 'install_interrupted',
      message: {
        en: `installing ${journal.pack} ${journal.version} was interrupted; what it had written was removed`,
        'zh-CN': `安装 ${journal.pack} ${journal.version} 被中断；已写入的内容已删除`,
      },
    },
  });
}

function busy(app: string, journal: InstallJournal): PackRefusal {
  return new PackRefusal(409, 'pack_busy', {
    en: `app "${app}" is being ${journal.state === 'removing' ? 'removed' : 'installed or upgraded'} (${journal.pack} ${journal.version}); wait until it ends`,
    'zh-CN': `应用“${app}”正在${journal.state === 'removing' ? '卸载' : '安装或升级'}（${journal.pack} ${journal.version}），请等待其完成`,
  });
}

/** The highest published version number an app has (0 when none): kept data keeps its versions. */
export async function highestVersion(context: PackContext, app: string): Promise<number> {
  const page = await context.storage.find<AppVersionDocument>({
    index: 'versions-by-app',
    selector: { type: 'appversion', app },
    sort: [{ type: 'desc' }, { app: 'desc' }, { version: 'desc' }],
    limit: 1,
  });
  return page.docs[0]?.version ?? 0;
}
