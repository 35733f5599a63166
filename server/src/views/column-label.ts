import { type Locale, localize, type TableDefinition } from '@tessera/core';
import type { ViewField } from './view-field.ts';

/** A column's header in one language: the field's label, `Items / Product` for a sub-table column. */
export function columnLabel(table: TableDefinition, column: ViewField, locale: Locale): string {
  const own = localize(column.field.label, locale, column.field.id);
  if (column.parent === undefined) return own;
  const parent = table.fields.find((one) => one.id === column.parent);
  return `${localize(parent?.label, locale, column.parent)} / ${own}`;
}
