import { ConflictError } from '@tessera/runtime';
import { appDocId } from '../apps/app-documents.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { appRolesId } from '../records/app-roles.ts';
import { isRunning, moveJournal, readJournal, removeIds, whileActive } from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { journalId } from './pack-documents.ts';
import { PackRefusal } from './pack-errors.ts';

export type KeepData = 'keep' | 'remove';

const PAGE = 500;

/**
 * Uninstalls an app installed from a pack. `keep` removes the app (its document and role
 * mapping), so nobody sees it, and keeps its records, items and versions: installing the pack
 * again brings them back. `remove` deletes every document of the app — records, items,
 * tasks, inbox entries, notices, timers, files, counters, versions, their audit entries and
 * the idempotency claims of what it made — so the database holds what it held before the
 * install, but for the audit entries of the pack's install and removal, which the log keeps.
 */
export async function uninstallPack(
  context: PackContext,
  app: string,
  data: KeepData,
  actor: string,
): Promise<{ removed: number }> {
  const journal = await readJournal(context, app);
  if (!journal) {
    throw new PackRefusal(404, 'pack_not_installed', {
      en: `no pack is installed as app "${app}"`,
      'zh-CN': `没有以应用“${app}”安装的应用包`,
    });
  }
  if (isRunning(context, journal)) {
    throw new PackRefusal(409, 'pack_busy', {
      en: `app "${app}" is being installed, upgraded or removed; wait until it ends`,
      'zh-CN': `应用“${app}”正在安装、升级或卸载，请等待其完成`,
    });
  }
  await moveJournal(context, app, { state: 'removing', removal: data, holder: context.instanceId });
  const removed = await whileActive(context, app, async () => {
    const count = await removeIds(context, [appDocId(app), appRolesId(app)]);
    return count + (data === 'remove' ? await removeAppDocuments(context, app) : 0);
  });
  const current = await readJournal(context, app);
  if (current) {
    await context.storage.remove(current._id, current._rev).catch((error) => {
      if (!(error instanceof ConflictError)) throw error;
    });
  }
  await appendAudit(context.storage, {
    actor,
    action: 'pack.uninstall',
    subject: { id: journalId(app), type: 'packinstall' },
    before: { pack: journal.pack, version: journal.version },
    after: { data, removed },
  });
  return { removed };
}

/** Deletes every document carrying `app`, and the idempotency claims of the ones it made. */
async function removeAppDocuments(context: PackContext, app: string): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await context.storage.find<{ type: string }>({
      index: 'docs-by-app',
      selector: { app, type: { $gt: null } },
      limit: PAGE,
    });
    if (page.docs.length === 0) return removed;
    const ids = page.docs.map((doc) => doc._id);
    const claims = await context.storage.find({
      index: 'claims-by-target',
      selector: { type: 'idempotency-key', target: { $in: ids } },
      limit: 1000,
    });
    const round = await removeIds(context, [...claims.docs.map((doc) => doc._id), ...ids]);
    if (round === 0) return removed;
    removed += round;
  }
}
