import {
  type AppDefinition,
  cellText,
  type FieldDefinition,
  type Locale,
  type Platform,
} from '@tessera/core';

/** What formatting a cell needs besides its value: the field types, the app, the locale. */
export interface CellContext {
  readonly locale: Locale;
  readonly platform: Platform;
  readonly app?: AppDefinition;
  readonly table?: string;
  /** Display names of users by id, for user columns. */
  readonly people?: Readonly<Record<string, string>>;
}

/** A field of a table, or a column of one of its sub-tables (`lines.price`). */
export function fieldOf(context: CellContext, path: string): FieldDefinition | undefined {
  const fields = context.app?.tables.find((one) => one.id === context.table)?.fields ?? [];
  const [head, tail] = path.split('.');
  const field = fields.find((one) => one.id === head);
  if (!tail || !field) return field;
  const columns = context.platform.fieldTypes.get(field.type)?.columns;
  return columns?.({ ...field, config: field.config ?? {} } as never).find(
    (one) => one.id === tail,
  );
}

/**
 * Text for one value of a column, as its field type shows a cell (a sub-table column's value
 * lists one cell per row).
 */
export function formatCell(
  value: unknown,
  column: { field: string; type: string },
  context: CellContext,
): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value) && column.field.includes('.')) {
    return value.map((one) => formatCell(one, column, context)).join(', ');
  }
  const type = context.platform.fieldTypes.get(column.type);
  // before the app's definition arrives, a field is known by its type alone
  const field = fieldOf(context, column.field) ?? {
    id: column.field,
    type: column.type,
    label: column.field,
    config: {},
  };
  if (type) {
    try {
      return cellText(type, value, { ...field, config: field.config ?? {} } as never, {
        locale: context.locale,
        userName: (id) => context.people?.[id],
      });
    } catch {
      // a value its type does not expect shows as plain text
    }
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
