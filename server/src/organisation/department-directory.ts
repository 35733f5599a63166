import type { Bilingual } from '@tessera/core';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { normaliseName } from '../storage/unique-name.ts';
import {
  DEPARTMENT_TYPE,
  type DepartmentDocument,
  type DepartmentFields,
} from './department-document.ts';

/** `总部 / 市场部`, `总部／市场部`, `总部/市场\u200B部` → `总部/市场部` (each name normalised). */
export const pathKey = (text: string): string =>
  text.split(/[/／]/).map(normaliseName).filter(Boolean).join('/');

export type Lookup<T> = { readonly found: T } | { readonly problem: Bilingual };

/**
 * Every stored department, by id, code and name path (`总部/市场部`), for imports that name
 * departments the way people do. Loaded once per import: one index read per 1000 departments.
 */
export interface DepartmentDirectory {
  readonly byId: ReadonlyMap<string, DepartmentDocument>;
  /** The name path of a stored department, root first. */
  pathOf(id: string): string;
  /** By code (ignoring case), else by name path. */
  find(reference: string): Lookup<DepartmentDocument>;
  withCode(code: string): DepartmentDocument | undefined;
  /** The departments at a name path (several when siblings share a name). */
  atPath(path: string): readonly DepartmentDocument[];
}

export async function loadDepartmentDirectory(context: StoreContext): Promise<DepartmentDirectory> {
  const all = await readAll<DepartmentFields>(context.storage, {
    index: INDEX.byTypeName,
    selector: { type: DEPARTMENT_TYPE },
  });
  const byId = new Map(all.map((department) => [department._id, department]));
  const byCode = new Map<string, DepartmentDocument>();
  const byPath = new Map<string, DepartmentDocument[]>();
  const pathOf = (id: string): string => {
    const department = byId.get(id);
    if (!department) return '';
    return [...department.path, id].map((each) => byId.get(each)?.name ?? '?').join('/');
  };
  for (const department of all) {
    if (department.code !== undefined) byCode.set(department.code.toLowerCase(), department);
    const key = pathKey(pathOf(department._id)); // names stored before they were normalised too
    byPath.set(key, [...(byPath.get(key) ?? []), department]);
  }
  return {
    byId,
    pathOf,
    withCode: (code) => byCode.get(code.trim().toLowerCase()),
    atPath: (path) => byPath.get(pathKey(path)) ?? [],
    find(reference) {
      const byItsCode = byCode.get(reference.trim().toLowerCase());
      if (byItsCode) return { found: byItsCode };
      const matches = byPath.get(pathKey(reference)) ?? [];
      if (matches.length === 1) return { found: matches[0]! };
      return {
        problem:
          matches.length === 0
            ? {
                en: `no department has the code or path "${reference}"`,
                'zh-CN': `没有编码或路径为“${reference}”的部门`,
              }
            : {
                en: `several departments have the path "${reference}": use a code`,
                'zh-CN': `有多个部门的路径为“${reference}”，请使用部门编码`,
              },
      };
    },
  };
}
