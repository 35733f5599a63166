import { listUsers } from '../accounts/list-users.ts';
import type { UserDocument } from '../accounts/user-document.ts';
import { ApiError } from '../http/api-error.ts';
import { type PageQuery, pageOf, readPage } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import {
  childPath,
  DEPARTMENT_TYPE,
  type DepartmentFields,
  departmentView,
  readDepartment,
} from './department-document.ts';
import { departmentNotFound } from './department-rules.ts';

export interface DepartmentListQuery extends PageQuery {
  /** Only the children of this department. */
  readonly parent?: string;
  /** `true`: only the roots. */
  readonly roots?: string;
}

/** A page of departments by name: all, the roots, or one department's children. */
export async function listDepartments(context: StoreContext, query: DepartmentListQuery) {
  let selector: Record<string, unknown> = { type: DEPARTMENT_TYPE };
  let index: string = INDEX.byTypeName;
  if (query.parent !== undefined || query.roots === 'true') {
    let path: string[] = [];
    if (query.parent !== undefined) {
      const parent = await readDepartment(context.storage, query.parent);
      if (!parent) {
        throw new ApiError(
          400,
          'unknown_department',
          {
            en: `there is no department "${query.parent.slice(0, 80)}"`,
            'zh-CN': `部门“${query.parent.slice(0, 80)}”不存在`,
          },
          '?parent',
        );
      }
      path = childPath(parent);
    }
    index = INDEX.departmentsByPath;
    selector = { type: DEPARTMENT_TYPE, path: { $eq: path } };
  }
  const page = await readPage<DepartmentFields>(context.storage, {
    index,
    selector,
    ...pageOf(query),
  });
  return { items: page.docs.map(departmentView), ...(page.next ? { next: page.next } : {}) };
}

/** A page of a department's members, each shown by `view` (404 when the department does not exist). */
export async function departmentMembers<View>(
  context: StoreContext,
  id: string,
  query: PageQuery,
  view: (user: UserDocument) => View,
) {
  if (!(await readDepartment(context.storage, id))) throw departmentNotFound(id);
  return listUsers(context, { ...query, department: id }, view);
}
