/**
 * `POST /import/departments`: one row per department. The parent column names a department by
 * code or name path (`总部/市场部`), stored or in the same file, in any row order: rows are
 * written parents first. A row whose code, or else whose path, matches a stored department
 * updates it (and moves it when its parent differs); any other row creates one.
 */
import { ORGANISATION_CODE_PATTERN } from '@tessera/core/api';
import { findUserByUsername } from '../accounts/username-claim.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { normaliseName } from '../storage/unique-name.ts';
import { createDepartment } from './create-department.ts';
import { type CsvTable, parseCsv } from './csv-table.ts';
import {
  type DepartmentDirectory,
  loadDepartmentDirectory,
  pathKey,
} from './department-directory.ts';
import type { DepartmentDocument } from './department-document.ts';
import { type ImportOptions, type ImportReport, RowErrors } from './import-report.ts';
import { type DepartmentPatch, updateDepartment } from './update-department.ts';

export const DEPARTMENT_COLUMNS = {
  name: ['部门名称', '名称', '部门'],
  code: ['部门编码', '编码', '代码'],
  parent: ['parent department', '上级部门', '上级'],
  head: ['负责人', '部门负责人'],
} as const;

type Column = keyof typeof DEPARTMENT_COLUMNS;

type Parent =
  | { readonly kind: 'root' }
  | { readonly kind: 'stored'; readonly id: string }
  | { readonly kind: 'file'; readonly row: number };

interface DepartmentRow {
  readonly row: number;
  readonly name: string;
  readonly code?: string;
  readonly parentRef?: string;
  readonly head?: string;
}

interface Resolved extends DepartmentRow {
  readonly parent: Parent;
  /** Its name path after the import, root first. */
  readonly pathText: string;
  readonly existing: DepartmentDocument | undefined;
}

export async function importDepartments(
  context: StoreContext,
  text: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const table = parseCsv(text, DEPARTMENT_COLUMNS, ['name']);
  const errors = new RowErrors(options.locale);
  const directory = await loadDepartmentDirectory(context);
  const rows = await readRows(context, table, errors);
  const order = resolveParents(table, rows, directory, errors);
  if (options.dryRun) {
    const created = order.filter((row) => !row.existing).length;
    return { dryRun: true, created, updated: order.length - created, errors: errors.sorted() };
  }

  const columnOf = (pointer: string | undefined) => {
    const key = pointer?.slice(1) as Column | undefined;
    return table.headerOf(key !== undefined && key in DEPARTMENT_COLUMNS ? key : 'name');
  };
  const ids = new Map<number, string>();
  let created = 0;
  let updated = 0;
  let done = 0;
  for (const row of order) {
    options.onProgress?.(done++, order.length);
    const parent = row.parent;
    const parentId =
      parent.kind === 'root' ? null : parent.kind === 'stored' ? parent.id : ids.get(parent.row);
    if (parentId === undefined) {
      errors.add(row.row, table.headerOf('parent'), {
        en: 'the parent’s row could not be written',
        'zh-CN': '上级部门所在的行未能写入',
      });
      continue;
    }
    try {
      if (row.existing) {
        const patch: { -readonly [K in keyof DepartmentPatch]: DepartmentPatch[K] } = {};
        if (row.name !== row.existing.name) patch.name = row.name;
        if (row.code !== undefined) patch.code = row.code;
        if (row.head !== undefined) patch.head = row.head;
        if (parentId !== (row.existing.parent ?? null)) patch.parent = parentId;
        if (Object.keys(patch).length > 0) await updateDepartment(context, row.existing._id, patch);
        ids.set(row.row, row.existing._id);
        updated++;
      } else {
        const { name, code, head } = row;
        const made = await createDepartment(context, {
          name,
          ...(code === undefined ? {} : { code }),
          ...(head === undefined ? {} : { head }),
          ...(parentId === null ? {} : { parent: parentId }),
        });
        ids.set(row.row, made._id);
        created++;
      }
    } catch (error) {
      errors.addRefusal(row.row, error, columnOf);
    }
  }
  options.onProgress?.(done, order.length);
  return { dryRun: false, created, updated, errors: errors.sorted() };
}

/** Checks each row on its own: name, code (once per file), head (a username). */
async function readRows(
  context: StoreContext,
  table: CsvTable<Column>,
  errors: RowErrors,
): Promise<DepartmentRow[]> {
  const codes = new Map<string, number>();
  const rows: DepartmentRow[] = [];
  for (const { row, cells, problem } of table.rows) {
    const fail = (column: Column, message: { en: string; 'zh-CN': string }) =>
      errors.add(row, table.headerOf(column), message);
    if (problem) fail('name', problem);
    const name = normaliseName(cells.name ?? ''); // as departmentName stores it
    if (name === '' || name.includes('/') || name.length > 100) {
      fail('name', {
        en: 'a department name has 1 to 100 characters and no "/"',
        'zh-CN': '部门名称为 1 到 100 个字符，且不能包含“/”',
      });
    }
    if (cells.code !== undefined) {
      const first = codes.get(cells.code.toLowerCase());
      if (!new RegExp(ORGANISATION_CODE_PATTERN).test(cells.code)) {
        fail('code', {
          en: `"${cells.code}" is not a code: 1 to 64 letters, digits, ".", "_" or "-"`,
          'zh-CN': `“${cells.code}”不是有效的编码：应为 1 到 64 个字母、数字、“.”“_”或“-”`,
        });
      } else if (first !== undefined) {
        fail('code', {
          en: `the code "${cells.code}" is already in row ${first}`,
          'zh-CN': `编码“${cells.code}”已在第 ${first} 行出现`,
        });
      } else codes.set(cells.code.toLowerCase(), row);
    }
    let head: string | undefined;
    if (cells.head !== undefined) {
      head = (await findUserByUsername(context, cells.head))?._id;
      if (head === undefined) {
        fail('head', {
          en: `there is no user "${cells.head}"`,
          'zh-CN': `用户“${cells.head}”不存在`,
        });
      }
    }
    rows.push({
      row,
      name,
      ...(cells.code === undefined ? {} : { code: cells.code }),
      ...(cells.parent === undefined ? {} : { parentRef: cells.parent }),
      ...(head === undefined ? {} : { head }),
    });
  }
  return rows;
}

/**
 * Finds each row's parent — a row of the file by code or path, else a stored department —
 * taking rows whose parent is known, until no more can be taken: the result is in writing
 * order (parents first). Rows left over name a parent that does not exist, has errors, or
 * loops back to them.
 */
function resolveParents(
  table: CsvTable<Column>,
  rows: readonly DepartmentRow[],
  directory: DepartmentDirectory,
  errors: RowErrors,
): Resolved[] {
  const byCode = new Map<string, DepartmentRow>();
  for (const row of rows) {
    if (row.code !== undefined && !errors.has(row.row)) byCode.set(row.code.toLowerCase(), row);
  }
  const done = new Map<number, Resolved>();
  const byPath = new Map<string, Resolved>();
  const order: Resolved[] = [];
  let pending = rows.filter((row) => !errors.has(row.row));
  for (let progress = true; progress; ) {
    progress = false;
    const waiting: DepartmentRow[] = [];
    for (const row of pending) {
      const parent = parentOf(row, byCode, done, byPath, directory);
      if (parent === undefined) {
        waiting.push(row);
        continue;
      }
      const parentPath =
        parent.kind === 'root'
          ? ''
          : parent.kind === 'stored'
            ? directory.pathOf(parent.id)
            : (done.get(parent.row)?.pathText ?? '');
      const pathText = parentPath === '' ? row.name : `${parentPath}/${row.name}`;
      const twin = byPath.get(pathKey(pathText));
      if (twin) {
        errors.add(row.row, table.headerOf('name'), {
          en: `row ${twin.row} already has the department "${pathText}"`,
          'zh-CN': `第 ${twin.row} 行已有部门“${pathText}”`,
        });
        continue;
      }
      const existing = existingOf(row, pathText, directory);
      const resolved: Resolved = { ...row, parent, pathText, existing };
      done.set(row.row, resolved);
      byPath.set(pathKey(pathText), resolved);
      order.push(resolved);
      progress = true;
    }
    pending = waiting;
  }
  for (const row of pending) {
    const named = row.parentRef ?? '';
    const parentRow = rows.find(
      (other) => other.code?.toLowerCase() === named.toLowerCase() && errors.has(other.row),
    );
    errors.add(
      row.row,
      table.headerOf('parent'),
      parentRow
        ? {
            en: `the parent's row ${parentRow.row} has errors`,
            'zh-CN': `上级部门所在的第 ${parentRow.row} 行有错误`,
          }
        : {
            en: `no department has the code or path "${named}" (in the file or stored), or the parents loop`,
            'zh-CN': `没有编码或路径为“${named}”的部门（文件中和系统中都没有），或上级关系形成循环`,
          },
    );
  }
  return order;
}

function parentOf(
  row: DepartmentRow,
  byCode: ReadonlyMap<string, DepartmentRow>,
  done: ReadonlyMap<number, Resolved>,
  byPath: ReadonlyMap<string, Resolved>,
  directory: DepartmentDirectory,
): Parent | undefined {
  const reference = row.parentRef;
  if (reference === undefined) return { kind: 'root' };
  const fileRow = byCode.get(reference.toLowerCase());
  if (fileRow) return done.has(fileRow.row) ? { kind: 'file', row: fileRow.row } : undefined;
  const filePath = byPath.get(pathKey(reference));
  if (filePath) return { kind: 'file', row: filePath.row };
  const stored = directory.find(reference);
  return 'found' in stored ? { kind: 'stored', id: stored.found._id } : undefined;
}

/** The stored department a row means: the one with its code, else the one at its path. */
function existingOf(row: DepartmentRow, pathText: string, directory: DepartmentDirectory) {
  const byCode = row.code === undefined ? undefined : directory.withCode(row.code);
  if (byCode) return byCode;
  const atPath = directory.atPath(pathText);
  return atPath.length === 1 ? atPath[0] : undefined;
}
