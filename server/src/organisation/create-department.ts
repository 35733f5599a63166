import { newId } from '@tessera/runtime';
import { checkUser } from '../accounts/user-references.ts';
import { ApiError } from '../http/api-error.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { DOCUMENT_VERSION } from '../storage/typed-document.ts';
import { claimCode, releaseCode } from './code-claim.ts';
import {
  childPath,
  DEPARTMENT_TYPE,
  type DepartmentDocument,
  type DepartmentFields,
  readDepartment,
} from './department-document.ts';
import { assertNameFree, DEPARTMENT_CODES, departmentName } from './department-rules.ts';

export interface NewDepartment {
  readonly name: string;
  readonly code?: string;
  readonly parent?: string;
  readonly head?: string;
}

export const unknownParent = (id: string, field = '/parent') =>
  new ApiError(
    400,
    'unknown_department',
    {
      en: `there is no department "${id.slice(0, 80)}" to put it under`,
      'zh-CN': `上级部门“${id.slice(0, 80)}”不存在`,
    },
    field,
  );

/**
 * Creates a department under `parent` (a root without). Its code is claimed first. Creating
 * takes no tree lease, so after the write the parent is read again: deleted meanwhile → the new
 * department is removed and 409; moved meanwhile → its path is brought up to date.
 */
export async function createDepartment(
  context: StoreContext,
  input: NewDepartment,
): Promise<DepartmentDocument> {
  const name = departmentName(input.name);
  const parent =
    input.parent === undefined ? undefined : await readDepartment(context.storage, input.parent);
  if (input.parent !== undefined && !parent) throw unknownParent(input.parent);
  const path = parent ? childPath(parent) : [];
  if (input.head !== undefined) await checkUser(context, input.head, '/head');
  await assertNameFree(context, path, name);

  const id = newId(DEPARTMENT_TYPE);
  if (input.code !== undefined) await claimCode(context, DEPARTMENT_CODES, input.code, id);
  const at = isoNow(context);
  const fields: DepartmentFields = {
    schemaVersion: DOCUMENT_VERSION,
    name,
    ...(input.code === undefined ? {} : { code: input.code }),
    ...(parent ? { parent: parent._id } : {}),
    ...(input.head === undefined ? {} : { head: input.head }),
    path,
    createdAt: at,
    updatedAt: at,
  };
  let rev: string;
  try {
    ({ rev } = await context.storage.create<DepartmentFields>({
      ...fields,
      _id: id,
      type: DEPARTMENT_TYPE,
    }));
  } catch (error) {
    if (input.code !== undefined) await releaseCode(context, DEPARTMENT_CODES, input.code, id);
    throw error;
  }
  if (!parent) return { ...fields, _id: id, _rev: rev, type: DEPARTMENT_TYPE };

  const now = await readDepartment(context.storage, parent._id);
  if (!now) {
    await context.storage.remove(id, rev);
    if (input.code !== undefined) await releaseCode(context, DEPARTMENT_CODES, input.code, id);
    throw new ApiError(
      409,
      'conflict',
      {
        en: 'the parent department was deleted meanwhile',
        'zh-CN': '上级部门在此期间被删除了',
      },
      '/parent',
    );
  }
  const current = childPath(now);
  if (JSON.stringify(current) !== JSON.stringify(path)) {
    await context.storage.mutate<DepartmentFields>(id, (doc) => ({ ...doc, path: current }));
  }
  const created = await readDepartment(context.storage, id);
  if (!created) throw new Error(`department ${id} vanished after it was created`);
  return created;
}
