import { NotFoundError, type StoragePort, type Stored } from '@tessera/runtime';
import type { FileFields } from './file-document.ts';
import { fileGone, fileTaken } from './file-errors.ts';

/** A file a record's values refer to, and where (for the answer when it was taken meanwhile). */
export interface FileUse {
  readonly id: string;
  readonly pointer: string;
}

/**
 * Marks each file as the record's, once. Two writes racing for one unattached file both pass
 * the check before writing; the first to mark it keeps it. The other, given `undo`, releases the
 * files it marked, takes its own write back and answers 409 naming the entry. A file removed
 * since the check (the sweep of unattached uploads) is undone the same way (409 `file_gone`),
 * so no record is left referring to a file that is not there.
 */
export async function attachFiles(
  storage: StoragePort,
  uses: readonly FileUse[],
  record: string,
  undo?: () => Promise<void>,
): Promise<void> {
  const marked: string[] = [];
  for (const use of uses) {
    // set inside the change, which may run more than once: the last run counts
    let outcome = 'ours' as 'marked' | 'ours' | 'taken' | 'gone';
    try {
      await storage.mutate<FileFields>(use.id, (current) => {
        if (current.record === undefined) {
          outcome = 'marked';
          return { ...current, record };
        }
        outcome = current.record === record ? 'ours' : 'taken';
        return undefined;
      });
    } catch (error) {
      // checked a moment ago, removed since (swept as an abandoned upload)
      if (!(error instanceof NotFoundError)) throw error;
      outcome = 'gone';
    }
    if (outcome === 'marked') marked.push(use.id);
    if ((outcome === 'taken' || outcome === 'gone') && undo) {
      await release(storage, marked, record);
      await undo();
      throw outcome === 'taken' ? fileTaken(use.pointer, use.id) : fileGone(use.pointer, use.id);
    }
  }
}

async function release(storage: StoragePort, ids: readonly string[], record: string) {
  for (const id of ids) {
    await storage.mutate<FileFields>(id, (current) => {
      if (current.record !== record) return undefined;
      const { record: _released, ...rest } = current;
      return rest as Stored<FileFields>;
    });
  }
}
