import { ConflictError, type Stored } from '@tessera/runtime';
import { isoNow } from '../storage/store-context.ts';
import type { PackContext } from './pack-context.ts';
import { type InstallJournal, journalId } from './pack-documents.ts';

export type Journal = Stored<InstallJournal>;

/** What the API shows of a journal: everything but the list of written ids. */
export type InstallState = Omit<InstallJournal, 'type' | 'schemaVersion' | 'written' | 'holder'>;

export function installState(journal: InstallJournal): InstallState {
  const { type: _t, schemaVersion: _s, written: _w, holder: _h, ...shown } = journal;
  return shown;
}

export const readJournal = async (context: PackContext, app: string) => {
  const doc = await context.storage.get<InstallJournal>(journalId(app));
  return doc?.type === 'packinstall' ? doc : undefined;
};

/** Moves a journal on (progress, step, state) with compare-and-swap; answers the new one. */
export async function moveJournal(
  context: PackContext,
  app: string,
  change: Partial<InstallJournal>,
): Promise<Journal> {
  const now = isoNow(context);
  await context.storage.mutate<InstallJournal>(journalId(app), (current) => ({
    ...current,
    ...change,
    heartbeatAt: now,
  }));
  const moved = await readJournal(context, app);
  if (!moved) throw new Error(`the journal of app "${app}" disappeared`);
  return moved;
}

/**
 * Whether a journal's operation is still running: in this process, or — on CouchDB, shared by
 * several servers — in another whose heartbeat is fresh. Embedded storage is opened by one
 * process at a time, so a journal left running there by an earlier process died with it.
 */
export function isRunning(context: PackContext, journal: InstallJournal): boolean {
  if (!['installing', 'upgrading', 'removing'].includes(journal.state)) return false;
  if (context.active.has(journal.app)) return true;
  if (context.storage.kind === 'embedded' || journal.holder === context.instanceId) return false;
  return context.now() - Date.parse(journal.heartbeatAt) < (context.staleMs ?? 120_000);
}

/** Runs `work` with the app marked active in this process. */
export async function whileActive<T>(
  context: PackContext,
  app: string,
  work: () => Promise<T>,
): Promise<T> {
  context.active.add(app);
  try {
    return await work();
  } finally {
    context.active.delete(app);
  }
}

/** Removes every listed document that exists (tombstones stay, as CouchDB keeps them). */
export async function removeIds(context: PackContext, ids: readonly string[]): Promise<number> {
  let removed = 0;
  for (const id of ids) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await context.storage.get(id);
      if (!doc) break;
      try {
        await context.storage.remove(id, doc._rev);
        removed += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
  return removed;
}
