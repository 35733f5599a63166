import { type AppDefinition, type Locale, localize } from '@tessera/core';
import { fieldOf } from './cell-format.ts';
import type { Choices } from './filter-bar.ts';
import type { ViewColumn } from './view-types.ts';

interface OptionConfig {
  readonly options?: readonly { value: string; label?: unknown }[];
  readonly dictionary?: string;
}

/** The options of each select-like column: the field's own, or its app dictionary's. */
export function columnChoices(
  app: AppDefinition | undefined,
  table: string,
  columns: readonly Pick<ViewColumn, 'field' | 'type'>[],
  locale: Locale,
): Choices {
  const found: Record<string, { value: string; label: string }[]> = {};
  for (const column of columns) {
    if (column.type !== 'select' && column.type !== 'multi-select') continue;
    const config = (fieldOf(app, table, column.field)?.config ?? {}) as OptionConfig;
    const items =
      config.options ??
      app?.dictionaries
        ?.find((one) => one.id === config.dictionary)
        ?.items.filter((item) => !item.disabled);
    if (!items) continue;
    found[column.field] = items.map((one) => ({
      value: one.value,
      label: localize(one.label as never, locale, one.value),
    }));
  }
  return found;
}
