/**
 * A department's `path` lists its ancestors, so moving a department changes the path of every
 * department below it: many documents, and no transactions (decision 11). The move is written
 * on the moved department itself first — new parent and path, plus `movedFrom`, the path before
 * — in one write; the descendants are then rewritten from the old prefix to the new one, and
 * `movedFrom` is removed last. Rewriting a descendant is idempotent, so whoever finds a
 * department with `movedFrom` (the next tree change, or the next start) finishes the move.
 */
import type { StoragePort } from '@tessera/runtime';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import {
  childPath,
  DEPARTMENT_TYPE,
  type DepartmentDocument,
  type DepartmentFields,
} from './department-document.ts';
import { withTreeLease } from './tree-lease.ts';

const BATCH = 200;

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.every((id, at) => path[at] === id);

/** The selector of every department below one whose children have `prefix` as path. */
export const subtreeSelector = (prefix: readonly string[]) => ({
  type: DEPARTMENT_TYPE,
  path: { $gte: [...prefix], $lt: [...prefix, {}] },
});

/** Carries one department's move to its descendants and clears `movedFrom`. */
export async function carryMove(storage: StoragePort, department: DepartmentDocument) {
  const from = department.movedFrom;
  if (from === undefined) return;
  const oldPrefix = [...from, department._id];
  const newPrefix = childPath(department);
  // Each rewritten department leaves the old range, so re-reading the first page terminates.
  for (;;) {
    const page = await storage.find<DepartmentFields>({
      index: INDEX.departmentsByPath,
      selector: subtreeSelector(oldPrefix),
      limit: BATCH,
    });
    if (page.docs.length === 0) break;
    for (const below of page.docs) {
      await storage.mutate<DepartmentFields>(below._id, (current) =>
        startsWith(current.path, oldPrefix)
          ? { ...current, path: [...newPrefix, ...current.path.slice(oldPrefix.length)] }
          : undefined,
      );
    }
  }
  await storage.mutate<DepartmentFields>(department._id, (current) => {
    if (JSON.stringify(current.movedFrom) !== JSON.stringify(from)) return undefined;
    const { movedFrom: _done, ...rest } = current;
    return rest;
  });
}

/** Finishes every move a crash left half done; call holding the tree lease. */
export async function finishPendingMoves(storage: StoragePort): Promise<number> {
  let finished = 0;
  for (;;) {
    const page = await storage.find<DepartmentFields>({
      index: INDEX.departmentMoves,
      selector: { type: DEPARTMENT_TYPE, movedFrom: { $gte: [] } },
      limit: BATCH,
    });
    if (page.docs.length === 0) return finished;
    for (const department of page.docs) {
      await carryMove(storage, department);
      finished++;
    }
  }
}

/** At start: finishes half-done moves unless another server is changing the tree right now. */
export async function finishDepartmentMoves(context: StoreContext): Promise<number> {
  try {
    return await withTreeLease(context, () => finishPendingMoves(context.storage));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'tree_busy') return 0;
    throw error;
  }
}
