import type { FieldTypeDefinition, NodeFieldRights, TableDefinition } from '@tessera/core';
import type { FormValues } from './form-types.ts';
import { isEmptyValue } from './paths.ts';

/**
 * The values a node sends: only fields it may edit (read-only and hidden ones are the server's
 * to keep, and `checkFieldRights` would refuse a change to them), never derived fields (the
 * server refuses them and recomputes), never empty ones. Rows travel whole: a column the node
 * may not change goes back as it came, which `checkFieldRights` compares row by row.
 */
export function submitValues(
  table: TableDefinition,
  rights: NodeFieldRights,
  fieldType: (type: string) => FieldTypeDefinition | undefined,
  values: FormValues,
): FormValues {
  const out: FormValues = {};
  for (const field of table.fields) {
    const value = values[field.id];
    if (rights.rightOf(field.id) !== 'edit' || fieldType(field.type)?.derived) continue;
    if (isEmptyValue(value)) continue;
    out[field.id] = value;
  }
  return out;
}
