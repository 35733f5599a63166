import {
  type FieldContext,
  type FieldOf,
  type Issue,
  issue,
  type JsonSchema,
  pointer,
  prefixIssues,
  validateSchema,
} from '@tessera/core';
import { rowContext, rowTable, typedColumn } from './columns.ts';
import type { SubTableSettings } from './sub-table-config.ts';

const NUMERIC_CEL = new Set(['int', 'uint', 'double', 'decimal']);

/** Columns: distinct ids, installed scalar types, valid configs, each column's own checks; then totals and row limits. */
export function checkColumns(field: FieldOf<SubTableSettings>, ctx: FieldContext): Issue[] {
  const found: Issue[] = [];
  const row = rowContext(ctx, rowTable(field, ctx.table));
  const celTypes = new Map<string, string>();
  const ids = new Set<string>();
  for (const [index, column] of field.config.fields.entries()) {
    const at = pointer('/config/fields', index);
    if (ids.has(column.id)) {
      found.push(
        issue(`${at}/id`, 'sub-table.duplicate-column', {
          en: `column "${column.id}" is defined more than once`,
          'zh-CN': `列 "${column.id}" 重复定义`,
        }),
      );
    }
    ids.add(column.id);
    if (column.type === field.type) {
      found.push(
        issue(`${at}/type`, 'sub-table.nested', {
          en: 'a sub-table cannot contain another sub-table',
          'zh-CN': '明细表中不能再嵌套明细表',
        }),
      );
      continue;
    }
    const type = ctx.fieldType(column.type);
    if (!type) {
      found.push(
        issue(`${at}/type`, 'sub-table.column-type', {
          en: `field type "${column.type}" is not installed`,
          'zh-CN': `字段类型 "${column.type}" 未安装`,
        }),
      );
      continue;
    }
    const configIssues = validateSchema(
      type.config as JsonSchema,
      column.config ?? {},
      `${at}/config`,
    );
    found.push(...configIssues);
    if (configIssues.length > 0) continue;
    found.push(...prefixIssues(at, type.checkDefinition?.(typedColumn(column), row) ?? []));
    celTypes.set(column.id, type.celType(typedColumn(column), row));
  }
  found.push(...checkTotals(field.config, celTypes), ...checkRows(field.config));
  return found;
}

function checkTotals(config: SubTableSettings, celTypes: Map<string, string>): Issue[] {
  const found: Issue[] = [];
  for (const [index, total] of (config.totals ?? []).entries()) {
    const at = pointer('/config/totals', index);
    if (!config.fields.some((column) => column.id === total.field)) {
      found.push(
        issue(`${at}/field`, 'sub-table.total-field', {
          en: `there is no column "${total.field}" to total`,
          'zh-CN': `没有可汇总的列 "${total.field}"`,
        }),
      );
      continue;
    }
    const celType = celTypes.get(total.field);
    if (total.fn !== 'count' && celType !== undefined && !NUMERIC_CEL.has(celType)) {
      found.push(
        issue(`${at}/fn`, 'sub-table.total-fn', {
          en: `${total.fn} needs a column of numbers, but "${total.field}" holds ${celType}; only count applies`,
          'zh-CN': `${total.fn} 需要数值列，而 "${total.field}" 的类型为 ${celType}；只能使用 count（计数）`,
        }),
      );
    }
  }
  return found;
}

function checkRows(config: SubTableSettings): Issue[] {
  const max = config.maxRows ?? 1000;
  if (config.minRows === undefined || config.minRows <= max) return [];
  return [
    issue('/config/minRows', 'sub-table.min-rows', {
      en: `at least ${config.minRows} rows are required but at most ${max} are allowed`,
      'zh-CN': `至少需要 ${config.minRows} 行，但最多只允许 ${max} 行`,
    }),
  ];
}
