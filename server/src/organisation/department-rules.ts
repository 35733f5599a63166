import { ApiError } from '../http/api-error.ts';
import type { RevisionLabel } from '../storage/stale-revision.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { normaliseName } from '../storage/unique-name.ts';
import type { CodeKind } from './code-claim.ts';
import { DEPARTMENT_TYPE, type DepartmentFields, readDepartment } from './department-document.ts';

export const DEPARTMENT_LABEL: RevisionLabel = { en: 'department', zh: '部门' };

export const DEPARTMENT_CODES: CodeKind = {
  claim: 'department-code',
  label: DEPARTMENT_LABEL,
  codeOf: async (context, owner) => (await readDepartment(context.storage, owner))?.code,
};

export const departmentNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no department "${id.slice(0, 80)}"`,
    'zh-CN': `部门“${id.slice(0, 80)}”不存在`,
  });

/**
 * A department name as it is compared with its siblings' and stored: normalised, invisible
 * characters removed (`销售\u200B部` is `销售部`; see `normaliseName`), without `/` (paths use
 * it), else 400 naming `/name`.
 */
export function departmentName(name: string): string {
  const normal = normaliseName(name);
  if (normal === '' || normal.includes('/') || normal.length > 100) {
    throw new ApiError(
      400,
      'invalid_name',
      {
        en: 'a department name has 1 to 100 characters and no "/"',
        'zh-CN': '部门名称为 1 到 100 个字符，且不能包含“/”',
      },
      '/name',
    );
  }
  return normal;
}

/** Refuses a name a sibling (same path) already has: 409 `name_taken`. */
export async function assertNameFree(
  context: StoreContext,
  path: readonly string[],
  name: string,
  self?: string,
): Promise<void> {
  const page = await context.storage.find<DepartmentFields>({
    index: INDEX.departmentsByPath,
    selector: { type: DEPARTMENT_TYPE, path: { $eq: [...path] }, name: { $eq: name } },
    limit: 2,
  });
  const clash = page.docs.find((sibling) => sibling._id !== self);
  if (!clash) return;
  throw new ApiError(
    409,
    'name_taken',
    {
      en: `a department named "${clash.name}" already exists at this level`,
      'zh-CN': `同一层级已有名为“${clash.name}”的部门`,
    },
    '/name',
  );
}
