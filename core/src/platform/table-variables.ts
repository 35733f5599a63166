import type { VariableDeclaration } from '../expression/environment.ts';
import type { FieldDefinition } from '../model/field.ts';
import type { TableDefinition } from '../model/table.ts';
import type { NodeVariable } from '../plugin/node-type.ts';
import { type AppContext, fieldVariables } from '../validate/app-context.ts';

/**
 * What an expression over a table sees: each field by its id, typed by its field type;
 * `now`; `currentUser`; for write-backs, `target`: the record of another table; and any
 * `extra` variables a node declares (they hide a field of the same name).
 */
export function tableVariables(
  ctx: AppContext,
  table: TableDefinition,
  target?: TableDefinition,
  extra: readonly NodeVariable[] = [],
): VariableDeclaration[] {
  const variables: VariableDeclaration[] = [
    ...fieldVariables(ctx, table),
    { name: 'now', type: 'timestamp' },
    {
      name: 'currentUser',
      type: 'map',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'name', type: 'string' },
        { name: 'department', type: 'string' },
        { name: 'roles', type: 'list<string>' },
      ],
    },
  ];
  if (target) variables.push({ name: 'target', type: 'map', fields: fieldVariables(ctx, target) });
  if (extra.length === 0) return variables;
  const hidden = new Set(extra.map((one) => one.name));
  return [
    ...variables.filter((one) => !hidden.has(one.name)),
    ...extra.map((one) => nodeVariable(ctx, table, one)),
  ];
}

/** The row fields of a field whose config lists them (a sub-table's columns), if any. */
function rowFields(field: FieldDefinition | undefined): FieldDefinition[] | undefined {
  const fields = (field?.config as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? (fields as FieldDefinition[]) : undefined;
}

function nodeVariable(
  ctx: AppContext,
  table: TableDefinition,
  variable: NodeVariable,
): VariableDeclaration {
  if (variable.rowOf === undefined) return { name: variable.name, type: variable.type };
  const field = table.fields.find((one) => one.id === variable.rowOf);
  const fields = rowFields(field);
  if (!field || !fields) return { name: variable.name, type: 'dyn' };
  const row: TableDefinition = { id: field.id, label: field.label, kind: table.kind, fields };
  return { name: variable.name, type: 'map', fields: fieldVariables(ctx, row) };
}

/** A stable key of extra variables, for caching the environments built with them. */
export const variablesKey = (extra: readonly NodeVariable[] = []) =>
  extra
    .map((one) => `${one.name}:${one.rowOf === undefined ? one.type : `row(${one.rowOf})`}`)
    .join(',');
