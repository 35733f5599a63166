import type { ExpressionEnvironment, VariableDeclaration } from '../expression/environment.ts';
import type { ExpressionError } from '../expression/expression-error.ts';
import type { Issue } from '../issues/issue.ts';
import type { AppDefinition } from '../model/app.ts';
import type { DictionaryDefinition } from '../model/dictionary.ts';
import type { FieldDefinition } from '../model/field.ts';
import type { FlowDefinition } from '../model/flow.ts';
import type { TableDefinition } from '../model/table.ts';
import type { FieldContext, FieldTypeDefinition } from '../plugin/field-type.ts';
import type { NodeVariable } from '../plugin/node-type.ts';
import { RESERVED_NAMES } from './reserved-names.ts';

/** What the checks of one app share: lookups by id and expression environments per table. */
export interface AppContext {
  readonly app: AppDefinition;
  table(id: string): TableDefinition | undefined;
  flow(id: string): FlowDefinition | undefined;
  dictionary(id: string): DictionaryDefinition | undefined;
  fieldType(type: string): FieldTypeDefinition | undefined;
  fieldContext(table: TableDefinition): FieldContext;
  environment(
    table: TableDefinition,
    target?: TableDefinition,
    extra?: readonly NodeVariable[],
  ): ExpressionEnvironment;
  checkExpression(
    source: string,
    path: string,
    table: TableDefinition,
    expect?: string,
    target?: TableDefinition,
    extra?: readonly NodeVariable[],
  ): Issue[];
}

export interface AppContextDeps {
  fieldType(type: string): FieldTypeDefinition | undefined;
  environment(
    app: AppDefinition,
    table: TableDefinition,
    target?: TableDefinition,
    extra?: readonly NodeVariable[],
  ): ExpressionEnvironment;
}

export function createAppContext(app: AppDefinition, deps: AppContextDeps): AppContext {
  const tables = new Map(app.tables.map((table) => [table.id, table]));
  const flows = new Map((app.flows ?? []).map((flow) => [flow.id, flow]));
  const dictionaries = new Map((app.dictionaries ?? []).map((one) => [one.id, one]));
  const context: AppContext = {
    app,
    table: (id) => tables.get(id),
    flow: (id) => flows.get(id),
    dictionary: (id) => dictionaries.get(id),
    fieldType: deps.fieldType,
    environment: (table, target, extra) => deps.environment(app, table, target, extra),
    checkExpression(source, path, table, expect, target, extra) {
      const error: ExpressionError | undefined = deps
        .environment(app, table, target, extra)
        .check(source, expect);
      return error ? [error.toIssue(path)] : [];
    },
    fieldContext(table) {
      return {
        app,
        table,
        dictionary: (id) => dictionaries.get(id),
        tableById: (id) => tables.get(id),
        fieldType: deps.fieldType,
        celTypeOf: (owner, field) => celTypeOf(context, owner, field),
        checkExpression: (source, path, expect, other) =>
          context.checkExpression(source, path, other ?? table, expect),
      };
    },
  };
  return context;
}

/** The CEL type of a field, or `dyn` when its type is unknown (reported elsewhere). */
export function celTypeOf(ctx: AppContext, table: TableDefinition, field: FieldDefinition): string {
  const type = ctx.fieldType(field.type);
  if (!type) return 'dyn';
  try {
    return type.celType(typedField(field), ctx.fieldContext(table));
  } catch {
    return 'dyn';
  }
}

/** Variables for a table's fields: each named by its id, typed and converted by its field type. */
export function fieldVariables(ctx: AppContext, table: TableDefinition): VariableDeclaration[] {
  const out: VariableDeclaration[] = [];
  const names = new Set(RESERVED_NAMES);
  for (const field of table.fields) {
    const type = ctx.fieldType(field.type);
    // unknown types, reserved names and repeated ids are reported by checkTables
    if (!type || names.has(field.id)) continue;
    names.add(field.id);
    const typed = typedField(field);
    out.push({
      name: field.id,
      type: celTypeOf(ctx, table, field),
      toCel: (value) => type.toCel(value, typed),
    });
  }
  return out;
}

/** A field with `config` present (field types read `field.config.x`). */
export function typedField(
  field: FieldDefinition,
): FieldDefinition & { config: Record<string, unknown> } {
  return { ...field, config: field.config ?? {} } as FieldDefinition & {
    config: Record<string, unknown>;
  };
}
