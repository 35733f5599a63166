import { localize } from '../i18n/localized.ts';
import type { TableDefinition } from '../model/table.ts';
import type { JsonSchema } from '../schema/validate-schema.ts';
import { type AppContext, typedField } from '../validate/app-context.ts';

/** JSON Schema of a table's records, assembled from each field type's value schema. */
export function recordSchema(ctx: AppContext, table: TableDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const fieldContext = ctx.fieldContext(table);
  for (const field of table.fields) {
    const type = ctx.fieldType(field.type);
    if (!type) continue;
    const title = localize(field.label, 'en', field.id);
    const zh = localize(field.label, 'zh-CN', title);
    properties[field.id] = {
      ...type.valueSchema(typedField(field) as never, fieldContext),
      title,
      description: zh === title ? `${field.type} field` : `${zh} (${field.type} field)`,
    };
    if (field.required && !type.derived) required.push(field.id);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: localize(table.label, 'en', table.id),
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}
