import { type Issue, issue, pointer, prefixIssues, type ValueContext } from '@tessera/core';
import { isBlank, isRecord } from '../shared/guards.ts';
import { typedColumn } from './columns.ts';
import { maxRowsOf, type SubTableSettings } from './sub-table-config.ts';

function checkRowCount(count: number, config: SubTableSettings): Issue[] {
  const max = maxRowsOf(config);
  if (count > max) {
    return [
      issue('', 'sub-table.max-rows', {
        en: `has ${count} rows; at most ${max} are allowed`,
        'zh-CN': `共有 ${count} 行，最多允许 ${max} 行`,
      }),
    ];
  }
  if (config.minRows !== undefined && count < config.minRows) {
    return [
      issue('', 'sub-table.min-rows', {
        en: `has ${count} rows; at least ${config.minRows} are required`,
        'zh-CN': `共有 ${count} 行，至少需要 ${config.minRows} 行`,
      }),
    ];
  }
  return [];
}

/** Checks every row: an object, no unknown columns, required cells filled, each cell by its column's type. */
export function validateRows(value: unknown, config: SubTableSettings, ctx: ValueContext): Issue[] {
  if (!Array.isArray(value)) {
    return [
      issue('', 'sub-table.type', {
        en: 'must be a list of rows',
        'zh-CN': '必须是由行组成的列表',
      }),
    ];
  }
  const found = checkRowCount(value.length, config);
  const columns = config.fields.map((column) => ({ column, type: ctx.fieldType(column.type) }));
  for (const { column, type } of columns) {
    if (!type) {
      found.push(
        issue('', 'sub-table.column-type', {
          en: `column "${column.id}" has field type "${column.type}", which is not installed`,
          'zh-CN': `列 "${column.id}" 的字段类型 "${column.type}" 未安装`,
        }),
      );
    }
  }
  const known = new Set(config.fields.map((column) => column.id));
  // past the row limit only the count is reported: checking 10,000 extra rows helps nobody
  for (const [index, row] of value.slice(0, maxRowsOf(config)).entries()) {
    if (!isRecord(row)) {
      found.push(
        issue(pointer('', index), 'sub-table.row', {
          en: 'must be a row (an object of cells)',
          'zh-CN': '必须是一行（由单元格组成的对象）',
        }),
      );
      continue;
    }
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        found.push(
          issue(pointer('', index, key), 'sub-table.unknown-column', {
            en: `"${key}" is not a column of this sub-table`,
            'zh-CN': `"${key}" 不是此明细表的列`,
          }),
        );
      }
    }
    for (const { column, type } of columns) {
      const cell = row[column.id];
      const path = pointer('', index, column.id);
      const missing = cell === undefined || cell === null;
      const issues = missing || !type ? [] : type.validate(cell, typedColumn(column), ctx);
      found.push(...prefixIssues(path, issues));
      const empty =
        missing || (issues.length === 0 && (type ? type.form.isEmpty(cell) : isBlank(cell)));
      if (column.required && empty) {
        found.push(issue(path, 'sub-table.required', { en: 'is required', 'zh-CN': '为必填项' }));
      }
    }
  }
  return found;
}
