import type {
  FieldDefinition,
  FieldTypeDefinition,
  FileUploadRules,
  Platform,
  TableDefinition,
} from '@tessera/core';

/** A field as field types see it: `config` always present. */
export const withConfig = (field: FieldDefinition) =>
  ({ ...field, config: field.config ?? {} }) as never;

/**
 * What an upload for `fieldPath` of a table may be: `scan`, or `lines.scan` for a column of a
 * sub-table's rows (a field whose type refers to files and whose config lists its `fields`).
 * Undefined when there is no such field or its type takes no uploads.
 */
export function uploadRulesOf(
  platform: Platform,
  table: TableDefinition,
  fieldPath: string,
): FileUploadRules | undefined {
  let fields: readonly FieldDefinition[] = table.fields;
  let type: FieldTypeDefinition | undefined;
  let field: FieldDefinition | undefined;
  for (const [depth, id] of fieldPath.split('.').entries()) {
    if (depth > 0 && !type?.files) return undefined; // only file-holding rows are looked into
    field = fields.find((one) => one.id === id);
    if (!field) return undefined;
    type = platform.fieldTypes.get(field.type);
    const nested = field.config?.fields;
    fields = Array.isArray(nested) ? (nested as FieldDefinition[]) : [];
  }
  const upload = type?.files?.upload;
  return field && upload ? upload(withConfig(field)) : undefined;
}
