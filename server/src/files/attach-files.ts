import { NotFoundError, type StoragePort, type Stored } from '@tessera/runtime';
import type { FileFields } from './file-document.ts';
import { fileTaken } from './file-errors.ts';

/** A file a record's values refer to, and where (for the answer when it was taken meanwhile). */
export interface FileUse {
  readonly id: string;
  readonly pointer: string;
}

/**
 * Marks each file as the record's, once. Two writes racing for one unattached file both pass
 * the check before writing; the first to mark it keeps it. The other, given `undo`, releases the
 * files it marked, takes its own write back and answers 409 naming the entry.
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
    let outcome = 'ours' as 'marked' | 'ours' | 'taken';
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
      if (error instanceof NotFoundError) continue; // checked a moment ago; nothing to mark
      throw error;
    }
    if (outcome === 'marked') marked.push(use.id);
    if (outcome === 'taken' && undo) {
      await release(storage, marked, record);
      await undo();
      throw fileTaken(use.pointer, use.id);
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
