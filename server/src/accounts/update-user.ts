import type { PlatformRole } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { readDepartment } from '../organisation/department-document.ts';
import { assertRevision, type RevisionLabel } from '../storage/stale-revision.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { activeAdminExists } from './admins.ts';
import { endSessionsOf } from './sessions.ts';
import { isAdmin, readUser, type UserDocument, type UserFields } from './user-document.ts';
import {
  checkDepartment,
  checkManager,
  checkPosition,
  managerChainReaches,
  managerLoop,
} from './user-references.ts';
import { claimUsername, releaseUsername } from './username-claim.ts';
import { usernameInput } from './username-input.ts';

/** What an admin may change; `null` clears an optional field. */
export interface UserPatch {
  readonly username?: string;
  readonly displayName?: string;
  readonly email?: string | null;
  readonly roles?: readonly PlatformRole[];
  readonly active?: boolean;
  readonly department?: string | null;
  readonly position?: string | null;
  readonly manager?: string | null;
}

const USER_LABEL: RevisionLabel = { en: 'user', zh: '用户' };

export const userNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no user "${id.slice(0, 80)}"`,
    'zh-CN': `用户“${id.slice(0, 80)}”不存在`,
  });

/**
 * Changes a user. Every reference is checked first (400 naming the field); the last active
 * admin cannot lose the role or be deactivated (409 `last_admin`); a new username is claimed
 * before the write and the old one released after it. Without transactions, a change that
 * raced another one into an invalid state (two managers set at once into a loop, a department
 * deleted meanwhile) is found by checking again after the write, undone, and answered 409.
 * Deactivating a user ends their sessions.
 *
 * With `rev` (the `_rev` the client read; the API always sends it) the change is made only if
 * the user still has that revision, checked inside the compare-and-swap so it holds across
 * servers: otherwise 409 `conflict` naming `/_rev`, and nothing is written. Imports, which
 * merge their rows into whatever is stored, leave it out.
 */
export async function updateUser(
  context: StoreContext,
  id: string,
  input: UserPatch,
  rev?: string,
): Promise<UserDocument> {
  const current = await readUser(context.storage, id);
  if (!current) throw userNotFound(id);
  if (rev !== undefined) assertRevision(current, rev, USER_LABEL);
  // a new username is checked and stored normalised (400 naming /username)
  const newName = input.username === undefined ? undefined : usernameInput(input.username);
  const patch: UserPatch = newName === undefined ? input : { ...input, username: newName };
  await checkPatch(context, current, patch);

  const renamed = newName !== undefined && newName.toLowerCase() !== current.username.toLowerCase();
  if (renamed) await claimUsername(context, newName, id);
  try {
    await context.storage.mutate<UserFields>(id, (doc) => {
      if (rev !== undefined) assertRevision(doc, rev, USER_LABEL);
      return applyPatch(doc, patch, isoNow(context));
    });
  } catch (error) {
    if (renamed) await releaseUsername(context, newName, id);
    throw error;
  }
  if (renamed) await releaseUsername(context, current.username, id);

  await recheck(context, current, patch);
  if (patch.active === false && current.active) await endSessionsOf(context, id);
  const updated = await readUser(context.storage, id);
  if (!updated) throw userNotFound(id);
  return updated;
}

async function checkPatch(context: StoreContext, current: UserDocument, patch: UserPatch) {
  if (typeof patch.department === 'string') await checkDepartment(context, patch.department);
  if (typeof patch.position === 'string') await checkPosition(context, patch.position);
  if (typeof patch.manager === 'string') {
    if (patch.manager === current._id) throw managerLoop();
    await checkManager(context, current._id, patch.manager);
  }
  const after = {
    ...current,
    roles: patch.roles ?? current.roles,
    active: patch.active ?? current.active,
  };
  if (isAdmin(current) && !isAdmin(after) && !(await activeAdminExists(context, current._id))) {
    throw new ApiError(
      409,
      'last_admin',
      {
        en: 'this is the last active admin: make someone else an admin first',
        'zh-CN': '这是最后一个有效的管理员：请先将其他人设为管理员',
      },
      patch.active === false ? '/active' : '/roles',
    );
  }
}

/** Applies a patch: `undefined` keeps a field, `null` removes it. */
export function applyPatch(doc: UserDocument, patch: UserPatch, at: string): UserDocument {
  const next: Record<string, unknown> = { ...doc, updatedAt: at };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = key === 'roles' ? [...new Set(value as PlatformRole[])] : value;
  }
  return next as unknown as UserDocument;
}

/** Checks the references again after the write; undoes the part that raced. */
async function recheck(context: StoreContext, before: UserDocument, patch: UserPatch) {
  const id = before._id;
  const looped =
    typeof patch.manager === 'string' && (await managerChainReaches(context, patch.manager, id));
  const departmentGone =
    typeof patch.department === 'string' &&
    !(await readDepartment(context.storage, patch.department));
  if (!looped && !departmentGone) return;
  const undo: UserPatch = {
    ...(looped ? { manager: before.manager ?? null } : {}),
    ...(departmentGone ? { department: before.department ?? null } : {}),
  };
  await context.storage.mutate<UserFields>(id, (doc) => applyPatch(doc, undo, isoNow(context)));
  throw new ApiError(
    409,
    'conflict',
    {
      en: looped
        ? 'another change of managers made at the same time would loop the chain; try again'
        : 'the department was deleted while the user was being moved into it',
      'zh-CN': looped
        ? '同时进行的另一项上级变更会使上级关系形成循环，请重试'
        : '在将用户调入该部门的同时，该部门被删除了',
    },
    looped ? '/manager' : '/department',
  );
}
