import {
  type Issue,
  issue,
  pointer,
  type TableDefinition,
  type ViewDefinition,
} from '@tessera/core';
import type { ChartConfigValue } from './chart-config.ts';

/** `x` is a field of the table; each series names an aggregate the view defines. */
export function checkChart(
  view: ViewDefinition & { readonly config: ChartConfigValue },
  table: TableDefinition,
): Issue[] {
  const found: Issue[] = [];
  const { x, series } = view.config;
  // `sub.column` names a sub-table column: its head must be a field of the table
  const head = x.split('.')[0]!;
  if (!table.fields.some((field) => field.id === head)) {
    found.push(
      issue('/config/x', 'chart.unknown-field', {
        en: `chart category "${x}" is not a field of table "${table.id}"`,
        'zh-CN': `图表分类 "${x}" 不是表 "${table.id}" 的字段`,
      }),
    );
  }
  const aggregates = new Set((view.aggregates ?? []).map((one) => one.id));
  series.forEach((one, index) => {
    if (aggregates.has(one.aggregate)) return;
    found.push(
      issue(pointer('/config/series', index, 'aggregate'), 'chart.unknown-aggregate', {
        en: `series "${one.aggregate}" is not an aggregate of view "${view.id}"`,
        'zh-CN': `数据系列 "${one.aggregate}" 不是视图 "${view.id}" 的统计项`,
      }),
    );
  });
  return found;
}
