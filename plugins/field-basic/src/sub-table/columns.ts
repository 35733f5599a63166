import type {
  FieldContext,
  FieldDefinition,
  FieldOf,
  LocalizedText,
  TableDefinition,
} from '@tessera/core';

/** A column as its field type sees it: `config` always present. */
export function typedColumn(column: FieldDefinition): FieldOf<unknown> {
  return { ...column, config: column.config ?? {} };
}

/** The rows of a sub-table seen as a table of their own, for the columns' definition checks. */
export function rowTable(
  field: {
    readonly id: string;
    readonly label: LocalizedText;
    readonly config: { readonly fields: FieldDefinition[] };
  },
  parent: TableDefinition,
): TableDefinition {
  return { id: field.id, label: field.label, kind: parent.kind, fields: field.config.fields };
}

/**
 * The context a column's hooks get: the same app, with the row as "the table", so a computed
 * column's expression sees its row's columns and a link column pulls into the same row.
 */
export function rowContext(ctx: FieldContext, row: TableDefinition): FieldContext {
  return {
    app: ctx.app,
    table: row,
    dictionary: (id) => ctx.dictionary(id),
    tableById: (id) => ctx.tableById(id),
    celTypeOf: (table, field) => ctx.celTypeOf(table, field),
    checkExpression: (source, path, expect, table) =>
      ctx.checkExpression(source, path, expect, table ?? row),
    fieldType: (type) => ctx.fieldType(type),
  };
}
