import { checkUser } from '../accounts/user-references.ts';
import { ApiError } from '../http/api-error.ts';
import { assertRevision } from '../storage/stale-revision.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { claimCode, releaseCode } from './code-claim.ts';
import { unknownParent } from './create-department.ts';
import {
  childPath,
  type DepartmentDocument,
  type DepartmentFields,
  readDepartment,
} from './department-document.ts';
import { carryMove, finishPendingMoves } from './department-moves.ts';
import {
  assertNameFree,
  DEPARTMENT_CODES,
  DEPARTMENT_LABEL,
  departmentName,
  departmentNotFound,
} from './department-rules.ts';
import { withTreeLease } from './tree-lease.ts';

/** What may change; `null` clears code, head, or parent (the department becomes a root). */
export interface DepartmentPatch {
  readonly name?: string;
  readonly code?: string | null;
  readonly parent?: string | null;
  readonly head?: string | null;
}

/**
 * Renames, re-codes, re-heads or moves a department. A move holds the tree lease: the new parent
 * must exist and may be neither the department nor one of its descendants (400 naming
 * `/parent`); the new path is written with `movedFrom`, then carried to the subtree.
 *
 * With `rev` (the `_rev` the client read; the API always sends it) the change is made only if
 * the department still has that revision, checked inside the compare-and-swap so it holds
 * across servers: otherwise 409 `conflict` naming `/_rev`, and nothing is written. Imports,
 * which merge their rows into whatever is stored, leave it out.
 */
export async function updateDepartment(
  context: StoreContext,
  id: string,
  patch: DepartmentPatch,
  rev?: string,
): Promise<DepartmentDocument> {
  const before = await readDepartment(context.storage, id);
  if (!before) throw departmentNotFound(id);
  if (rev !== undefined) assertRevision(before, rev, DEPARTMENT_LABEL);
  const name = patch.name === undefined ? undefined : departmentName(patch.name);
  if (typeof patch.head === 'string') await checkUser(context, patch.head, '/head');
  const moving = patch.parent !== undefined && (patch.parent ?? undefined) !== before.parent;
  const newCode =
    typeof patch.code === 'string' && patch.code.toLowerCase() !== before.code?.toLowerCase()
      ? patch.code
      : undefined;
  if (newCode !== undefined) await claimCode(context, DEPARTMENT_CODES, newCode, id);

  const write = async () => {
    const current = await readDepartment(context.storage, id);
    if (!current) throw departmentNotFound(id);
    const path = moving ? await targetPath(context, current, patch.parent ?? null) : current.path;
    if (name !== undefined || moving) await assertNameFree(context, path, name ?? current.name, id);
    await context.storage.mutate<DepartmentFields>(id, (doc) => {
      if (rev !== undefined) assertRevision(doc, rev, DEPARTMENT_LABEL);
      const next: Record<string, unknown> = { ...doc, updatedAt: isoNow(context) };
      if (name !== undefined) next.name = name;
      for (const key of ['code', 'head'] as const) {
        if (patch[key] === null) delete next[key];
        else if (patch[key] !== undefined) next[key] = patch[key];
      }
      if (moving) {
        if (patch.parent === null) delete next.parent;
        else next.parent = patch.parent;
        next.path = path;
        next.movedFrom = doc.path;
      }
      return next as unknown as DepartmentDocument;
    });
    const written = await readDepartment(context.storage, id);
    if (!written) throw departmentNotFound(id);
    if (moving) await carryMove(context.storage, written);
  };

  try {
    if (moving) {
      await withTreeLease(context, async () => {
        await finishPendingMoves(context.storage);
        await write();
      });
    } else {
      await write();
    }
  } catch (error) {
    if (newCode !== undefined) await releaseCode(context, DEPARTMENT_CODES, newCode, id);
    throw error;
  }
  if (before.code !== undefined && (newCode !== undefined || patch.code === null)) {
    await releaseCode(context, DEPARTMENT_CODES, before.code, id);
  }
  const updated = await readDepartment(context.storage, id);
  if (!updated) throw departmentNotFound(id);
  return updated;
}

/** The path a department gets under `parent` (null: a root), refusing loops. */
async function targetPath(
  context: StoreContext,
  department: DepartmentDocument,
  parent: string | null,
): Promise<string[]> {
  if (parent === null) return [];
  if (parent === department._id) throw loop('parent_is_self', 'itself', '它自身');
  const target = await readDepartment(context.storage, parent);
  if (!target) throw unknownParent(parent);
  if (target.path.includes(department._id)) {
    throw loop(
      'parent_is_descendant',
      `its own sub-department "${target.name}"`,
      `它自己的下级部门“${target.name}”`,
    );
  }
  return childPath(target);
}

const loop = (code: string, en: string, zh: string) =>
  new ApiError(
    400,
    code,
    {
      en: `a department cannot be moved under ${en}: the tree would loop`,
      'zh-CN': `部门不能移到${zh}之下：部门树会形成循环`,
    },
    '/parent',
  );
