import type {
  CompiledExpression,
  ExpressionEnvironment,
  FieldDefinition,
  FieldTypeDefinition,
} from '@tessera/core';
import type { FieldTypes } from './form-tables.ts';
import { typed } from './form-tables.ts';
import type { FormValues } from './form-types.ts';

type Compiled = CompiledExpression | undefined;
const compiled = new WeakMap<ExpressionEnvironment, WeakMap<FieldDefinition, Compiled>>();

/** A derived field computed from an expression in its config (computed fields, not counters). */
function expressionOf(
  env: ExpressionEnvironment,
  field: FieldDefinition,
  type: FieldTypeDefinition | undefined,
): Compiled {
  if (!type?.derived || type.sequence) return undefined;
  const byField = compiled.get(env) ?? new WeakMap<FieldDefinition, Compiled>();
  compiled.set(env, byField);
  if (byField.has(field)) return byField.get(field);
  const source = field.config?.expression;
  let result: Compiled;
  try {
    result = typeof source === 'string' ? env.compile(source) : undefined;
  } catch {
    result = undefined;
  }
  byField.set(field, result);
  return result;
}

/**
 * Recomputes the computed fields of `values` in definition order (a later one sees earlier
 * results) over the core expression environment, in the browser and on the server alike: a
 * result that fails to evaluate, or that its type refuses, leaves the field empty, as does an
 * expression that does not compile. Returns a new object; `extra` adds `now` and `currentUser`.
 */
export function computeValues(
  env: ExpressionEnvironment,
  fields: readonly FieldDefinition[],
  fieldType: FieldTypes,
  values: FormValues,
  extra: FormValues,
): FormValues {
  const out: FormValues = { ...values };
  for (const field of fields) {
    const type = fieldType(field.type);
    if (!type?.derived || type.sequence) continue;
    // whatever the field held goes: a computed value is never taken from the input
    delete out[field.id];
    const expression = expressionOf(env, field, type);
    if (!expression) continue;
    try {
      const value = type.fromCel(expression.evaluate({ ...out, ...extra }), typed(field));
      if (value === undefined || value === null) continue;
      const refused = type.validate(value, typed(field), {
        dictionary: () => undefined,
        fieldType,
      });
      if (refused.length === 0) out[field.id] = value;
    } catch {
      // evaluation failed (a missing value, division by zero …): the field stays empty
    }
  }
  return out;
}

/** Whether any field of `fields` is computed (derived, not numbered), so rows need recomputing. */
export function hasComputed(fields: readonly FieldDefinition[], fieldType: FieldTypes): boolean {
  return fields.some((field) => {
    const type = fieldType(field.type);
    return Boolean(type?.derived && !type.sequence);
  });
}
