import type {
  CompiledExpression,
  FieldDefinition,
  FieldTypeDefinition,
  Platform,
} from '@tessera/core';
import type { PublishedTable } from './published-apps.ts';
import type { RecordValues } from './record-document.ts';

/** What `currentUser` is inside expressions. */
export interface ExpressionUser {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly roles: readonly string[];
}

type Compiled = CompiledExpression | undefined;

/**
 * Compiled expressions of computed fields, by field definition: published definitions are
 * immutable and reused (published-apps.ts), so each expression is compiled once per process.
 */
const compiled = new WeakMap<FieldDefinition, Compiled>();

const withConfig = (field: FieldDefinition) =>
  ({ ...field, config: field.config ?? {} }) as FieldDefinition & {
    config: Record<string, unknown>;
  };

function compile(platform: Platform, target: PublishedTable, field: FieldDefinition): Compiled {
  if (compiled.has(field)) return compiled.get(field);
  const source = field.config?.expression;
  let result: Compiled;
  try {
    result =
      typeof source === 'string'
        ? platform.expressions(target.app, target.table.id).compile(source)
        : undefined;
  } catch {
    result = undefined; // a published definition was checked; an expression that fails gives no value
  }
  compiled.set(field, result);
  return result;
}

/**
 * Recomputes every computed field of a record on the server, in definition order (a later one
 * sees earlier results), over the table's expression environment. A field whose expression
 * fails to evaluate, or whose result its type refuses, gets no value rather than failing the
 * write. Values the client sent for derived fields were refused before this runs.
 */
export function computeValues(
  platform: Platform,
  target: PublishedTable,
  values: RecordValues,
  context: { readonly now: string; readonly user: ExpressionUser },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const field of target.table.fields) {
    const type: FieldTypeDefinition | undefined = platform.fieldTypes.get(field.type);
    if (!type?.derived || field.type !== 'computed') continue;
    delete out[field.id];
    const expression = compile(platform, target, field);
    if (!expression) continue;
    try {
      const result = expression.evaluate({ ...out, now: context.now, currentUser: context.user });
      const typed = withConfig(field);
      const value = type.fromCel(result, typed as never);
      if (value === undefined || value === null) continue;
      const refused = type.validate(value, typed as never, {
        dictionary: () => undefined,
        fieldType: (id) => platform.fieldTypes.get(id),
      });
      if (refused.length === 0) out[field.id] = value;
    } catch {
      // evaluation failed (division by zero, a missing value …): the field stays empty
    }
  }
  return out;
}
