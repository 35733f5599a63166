import type {
  AppDefinition,
  FieldContext,
  FieldDefinition,
  FieldTypeDefinition,
  Platform,
  TableDefinition,
} from '@tessera/core';

/** A field a view names: a field of the table, or `sub.column`, a column of a sub-table. */
export interface ViewField {
  readonly path: string;
  /** The field definition with `config` present (what field type hooks expect). */
  readonly field: FieldDefinition & { readonly config: Record<string, unknown> };
  readonly type: FieldTypeDefinition;
  /** The CEL type of its values: how they are summed, typed in a workbook, compared. */
  readonly celType: string;
  /** The sub-table field a column path goes through; absent for a field of the table. */
  readonly parent?: string;
}

const withConfig = (field: FieldDefinition) => ({ ...field, config: field.config ?? {} });

/**
 * Resolves a field path of a view over its table with the installed field types; undefined for
 * a path the table does not have (or whose type no installed plugin provides).
 */
export function viewField(
  platform: Platform,
  app: AppDefinition,
  table: TableDefinition,
  path: string,
): ViewField | undefined {
  const [head, column, ...rest] = path.split('.');
  if (rest.length > 0) return undefined;
  const top = table.fields.find((one) => one.id === head);
  if (!top) return undefined;
  let field: FieldDefinition = top;
  if (column !== undefined) {
    const columns = platform.fieldTypes.get(top.type)?.columns?.(withConfig(top) as never);
    const found = columns?.find((one) => one?.id === column);
    if (!found) return undefined;
    field = found;
  }
  const type = platform.fieldTypes.get(field.type);
  if (!type) return undefined;
  const typed = withConfig(field);
  let celType = 'dyn';
  try {
    celType = type.celType(typed as never, fieldContext(platform, app, table));
  } catch {
    celType = 'dyn'; // a published definition was checked; this is only a safety net
  }
  return { path, field: typed, type, celType, ...(column === undefined ? {} : { parent: top.id }) };
}

/** What a field type may consult for its CEL type (a computed field asks its result type). */
function fieldContext(
  platform: Platform,
  app: AppDefinition,
  table: TableDefinition,
): FieldContext {
  const context: FieldContext = {
    app,
    table,
    dictionary: (id) => app.dictionaries?.find((one) => one.id === id),
    tableById: (id) => app.tables.find((one) => one.id === id),
    celTypeOf: (of, field) =>
      platform.fieldTypes
        .get(field.type)
        ?.celType(withConfig(field) as never, { ...context, table: of }) ?? 'dyn',
    checkExpression: () => [],
    fieldType: (type) => platform.fieldTypes.get(type),
  };
  return context;
}
