import { type Issue, issue, pointer, prefixIssues } from '../issues/issue.ts';
import type { ViewDefinition } from '../model/view.ts';
import type { ViewTypeDefinition } from '../plugin/view-type.ts';
import type { AppContext } from './app-context.ts';
import { resolveFieldPath, unknownField } from './check-forms.ts';
import { checkPluginConfig } from './plugin-config.ts';
import { uniqueIds } from './unique-ids.ts';

export interface ViewTypes {
  get(type: string): ViewTypeDefinition | undefined;
  ids(): string[];
}

export function checkViews(ctx: AppContext, viewTypes: ViewTypes): Issue[] {
  const views = ctx.app.views ?? [];
  const issues = uniqueIds(views, '/views', 'view');
  views.forEach((view, index) => {
    issues.push(...checkView(ctx, view, `/views/${index}`, viewTypes));
  });
  return issues;
}

function checkView(
  ctx: AppContext,
  view: ViewDefinition,
  base: string,
  viewTypes: ViewTypes,
): Issue[] {
  const table = ctx.table(view.table);
  if (!table) {
    return [
      issue(`${base}/table`, 'view.unknownTable', {
        en: `view "${view.id}" lists table "${view.table}", which does not exist`,
        'zh-CN': `视图“${view.id}”所用的表“${view.table}”不存在`,
      }),
    ];
  }
  const issues: Issue[] = [];
  const field = (path: string, name: string) => {
    if (!resolveFieldPath(table, name)) issues.push(unknownField(path, name, table));
  };
  view.columns?.forEach(
    (column, index) => void field(pointer(base, 'columns', index, 'field'), column.field),
  );
  view.sorts?.forEach(
    (sort, index) => void field(pointer(base, 'sorts', index, 'field'), sort.field),
  );
  view.groupBy?.forEach((name, index) => void field(pointer(base, 'groupBy', index), name));
  issues.push(...uniqueIds(view.aggregates ?? [], `${base}/aggregates`, 'aggregate'));
  view.aggregates?.forEach((aggregate, index) => {
    const path = pointer(base, 'aggregates', index);
    if (aggregate.field !== undefined) field(`${path}/field`, aggregate.field);
    else if (aggregate.fn !== 'count') {
      issues.push(
        issue(`${path}/field`, 'view.aggregateField', {
          en: `aggregate "${aggregate.id}" (${aggregate.fn}) needs a field`,
          'zh-CN': `统计项“${aggregate.id}”（${aggregate.fn}）需要指定字段`,
        }),
      );
    }
  });
  view.filters?.forEach((filter, index) => {
    const path = pointer(base, 'filters', index);
    field(`${path}/field`, filter.field);
    if (filter.valueExpr !== undefined) {
      issues.push(...ctx.checkExpression(filter.valueExpr, `${path}/valueExpr`, table));
      if (filter.value !== undefined) {
        issues.push(
          issue(path, 'view.filterValue', {
            en: 'a filter has either a value or a valueExpr, not both',
            'zh-CN': '筛选条件只能设置 value 或 valueExpr 其中之一',
          }),
        );
      }
    }
  });
  const type = viewTypes.get(view.type);
  if (!type) {
    issues.push(
      issue(`${base}/type`, 'view.unknownType', {
        en: `unknown view type "${view.type}"; no installed plugin provides it (known types: ${viewTypes.ids().join(', ')})`,
        'zh-CN': `未知的视图类型“${view.type}”，没有已安装的插件提供它（已知类型：${viewTypes.ids().join('、')}）`,
      }),
    );
    return issues;
  }
  const config = checkPluginConfig(type, view, base, `view "${view.id}"`);
  if (!config.ok) return [...issues, ...config.issues];
  if (type.check)
    issues.push(
      ...prefixIssues(base, type.check({ ...view, config: config.config } as never, table)),
    );
  return issues;
}
