import type {
  AppDefinition,
  ExpressionEnvironment,
  FieldDefinition,
  FieldTypeDefinition,
  Platform,
  TableDefinition,
} from '@tessera/core';

/** A field with `config` present, as field type hooks receive it. */
export const typed = (field: FieldDefinition) =>
  ({ ...field, config: field.config ?? {} }) as never;

/**
 * The columns of a field that holds rows (a sub-table): its `config.fields`. Row operations,
 * totals and computed cells apply to any field type shaped like this, so the runtime needs no
 * knowledge of a particular type.
 */
export function columnsOf(
  field: FieldDefinition | undefined,
): readonly FieldDefinition[] | undefined {
  const columns = field?.config?.fields;
  return Array.isArray(columns) ? (columns as FieldDefinition[]) : undefined;
}

interface RowScope {
  readonly table: TableDefinition;
  readonly env: ExpressionEnvironment;
}

/**
 * The expression environment of a sub-table's rows: the rows seen as a table of their own, as
 * core checks a column's expression. `platform.expressions` looks tables up by id, so the row
 * table is put first into a copy of the app; both are kept per field so the platform's
 * environment cache (keyed by table object) is hit on every later form.
 */
const rowScopes = new WeakMap<Platform, WeakMap<FieldDefinition, RowScope>>();

export function rowScope(
  platform: Platform,
  app: AppDefinition,
  parent: TableDefinition,
  field: FieldDefinition,
): RowScope | undefined {
  const columns = columnsOf(field);
  if (!columns) return undefined;
  const byField = rowScopes.get(platform) ?? new WeakMap<FieldDefinition, RowScope>();
  rowScopes.set(platform, byField);
  let scope = byField.get(field);
  if (!scope) {
    const table: TableDefinition = {
      id: field.id,
      label: field.label,
      kind: parent.kind,
      fields: [...columns],
    };
    const env = platform.expressions({ ...app, tables: [table, ...app.tables] }, table.id);
    scope = { table, env };
    byField.set(field, scope);
  }
  return scope;
}

/** The CEL type of a variable in an environment, `dyn` when it is not declared. */
export function celTypeIn(env: ExpressionEnvironment, name: string): string {
  return env.variables.find((variable) => variable.name === name)?.type ?? 'dyn';
}

export type FieldTypes = (type: string) => FieldTypeDefinition | undefined;
