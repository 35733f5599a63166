import type { VariableDeclaration } from '../expression/environment.ts';
import type { TableDefinition } from '../model/table.ts';
import { type AppContext, fieldVariables } from '../validate/app-context.ts';

/**
 * What an expression over a table sees: each field by its id, typed by its field type;
 * `now`; `currentUser`; and, for write-backs, `target`: the record of another table.
 */
export function tableVariables(
  ctx: AppContext,
  table: TableDefinition,
  target?: TableDefinition,
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
  return variables;
}
