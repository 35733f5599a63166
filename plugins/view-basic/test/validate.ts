import { type Issue, type JsonSchema, type TSchema, validateSchema } from '@tessera/core';

/**
 * `validateSchema` for a TypeBox schema. Core types its schema parameter as a plain record,
 * which TypeBox's interfaces (no index signature) are not assignable to.
 */
export function validate(schema: TSchema, value: unknown): Issue[] {
  return validateSchema(schema as unknown as JsonSchema, value);
}
