import type { ExpressionEnvironment, TableDefinition } from '@tessera/core';
import { type FieldTypes, typed } from './form-tables.ts';
import type { FormValues } from './form-types.ts';

/**
 * The values a new record starts with: each field's `default` expression (evaluated once, over
 * `now` and `currentUser`), else its type's default; derived fields are left to be computed.
 */
export function initialValues(
  env: ExpressionEnvironment,
  table: TableDefinition,
  fieldType: FieldTypes,
  extra: FormValues,
): FormValues {
  const out: FormValues = {};
  for (const field of table.fields) {
    const type = fieldType(field.type);
    if (!type || type.derived) continue;
    let value: unknown;
    try {
      value =
        field.default === undefined
          ? type.defaultValue(typed(field))
          : type.fromCel(env.compile(field.default).evaluate(extra), typed(field));
    } catch {
      value = undefined; // a default that cannot be evaluated leaves the field empty
    }
    if (value !== undefined && value !== null) out[field.id] = value;
  }
  return out;
}
