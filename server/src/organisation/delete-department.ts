import { USER_TYPE, type UserFields } from '../accounts/user-document.ts';
import { ApiError } from '../http/api-error.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { releaseCode } from './code-claim.ts';
import {
  childPath,
  DEPARTMENT_TYPE,
  type DepartmentFields,
  readDepartment,
} from './department-document.ts';
import { DEPARTMENT_CODES, departmentNotFound } from './department-rules.ts';
import { withTreeLease } from './tree-lease.ts';

/**
 * Deletes a department that has neither sub-departments nor members (409 naming one of
 * them otherwise), holding the tree lease so no move lands a department under it meanwhile.
 */
export async function deleteDepartment(context: StoreContext, id: string): Promise<void> {
  await withTreeLease(context, async () => {
    const department = await readDepartment(context.storage, id);
    if (!department) throw departmentNotFound(id);
    const children = await context.storage.find<DepartmentFields>({
      index: INDEX.departmentsByPath,
      selector: { type: DEPARTMENT_TYPE, path: { $eq: childPath(department) } },
      limit: 1,
    });
    const child = children.docs[0];
    if (child) {
      throw new ApiError(409, 'department_has_children', {
        en: `"${department.name}" still has sub-departments (such as "${child.name}"): move or delete them first`,
        'zh-CN': `“${department.name}”下还有子部门（如“${child.name}”）：请先移走或删除它们`,
      });
    }
    const members = await context.storage.find<UserFields>({
      index: INDEX.usersByDepartment,
      selector: { type: USER_TYPE, department: id },
      limit: 1,
    });
    const member = members.docs[0];
    if (member) {
      throw new ApiError(409, 'department_has_members', {
        en: `"${department.name}" still has members (such as "${member.username}"): move them to another department first`,
        'zh-CN': `“${department.name}”中还有成员（如“${member.username}”）：请先把他们调到其他部门`,
      });
    }
    await context.storage.remove(department._id, department._rev);
    if (department.code !== undefined) {
      await releaseCode(context, DEPARTMENT_CODES, department.code, id);
    }
  });
}
