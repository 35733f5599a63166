import {
  type AppDefinition,
  filterOperators,
  type Locale,
  localize,
  type Platform,
  type ViewDefinition,
} from '@tessera/core';
import { columnLabel } from './column-label.ts';
import { linkedTable } from './link-displays.ts';
import { type ViewField, viewField } from './view-field.ts';

const AGGREGATE_NAMES = {
  count: { en: 'Count', 'zh-CN': '计数' },
  sum: { en: 'Sum', 'zh-CN': '合计' },
  avg: { en: 'Average', 'zh-CN': '平均' },
  min: { en: 'Minimum', 'zh-CN': '最小' },
  max: { en: 'Maximum', 'zh-CN': '最大' },
} as const;

/**
 * What a browser needs to draw a view before reading its rows: headers in the request's
 * language with each column's field type and CEL type (link columns name the linked table),
 * the order, groups and aggregates, and the view type's config.
 */
export function describeView(
  platform: Platform,
  app: AppDefinition,
  view: ViewDefinition,
  locale: Locale,
) {
  const table = app.tables.find((one) => one.id === view.table);
  const resolve = (path: string): ViewField | undefined =>
    table ? viewField(platform, app, table, path) : undefined;
  const field = (target: ViewField) => ({
    field: target.path,
    label: table ? columnLabel(table, target, locale) : target.path,
    type: target.field.type,
    celType: target.celType,
    ops: [...filterOperators(target.type, target.field as never, target.celType)],
    ...choicesOf(platform, app, target, locale),
  });
  const paths = view.columns ?? table?.fields.map((one) => ({ field: one.id })) ?? [];
  const columns = paths.flatMap((column) => {
    const target = resolve(column.field);
    if (!target) return [];
    const linked = linkedTable(target);
    return [
      {
        ...field(target),
        ...('width' in column && column.width !== undefined ? { width: column.width } : {}),
        ...(linked === undefined ? {} : { link: { table: linked } }),
      },
    ];
  });
  const groupBy = (view.groupBy ?? []).flatMap((path) => {
    const target = resolve(path);
    return target ? [field(target)] : [];
  });
  const aggregates = (view.aggregates ?? []).map((one) => {
    const target = one.field === undefined ? undefined : resolve(one.field);
    const name = localize(AGGREGATE_NAMES[one.fn], locale);
    const fallback = target && table ? `${name}: ${columnLabel(table, target, locale)}` : name;
    return {
      id: one.id,
      fn: one.fn,
      ...(one.field === undefined ? {} : { field: one.field }),
      label: localize(one.label, locale, fallback),
    };
  });
  return {
    id: view.id,
    label: localize(view.label, locale, view.id),
    table: view.table,
    type: view.type,
    columns,
    sorts: view.sorts ?? [],
    groupBy,
    aggregates,
    config: view.config ?? {},
  };
}

/** The values a filter on the field picks from, when its type offers a choice. */
function choicesOf(platform: Platform, app: AppDefinition, target: ViewField, locale: Locale) {
  const choices = target.type.list?.choices?.(target.field as never, {
    locale,
    dictionary: (id) => app.dictionaries?.find((one) => one.id === id),
    fieldType: (id) => platform.fieldTypes.get(id),
  });
  if (!choices) return {};
  return {
    choices: choices.map((one) => ({
      value: one.value,
      label: localize(one.label, locale, one.value),
    })),
  };
}
