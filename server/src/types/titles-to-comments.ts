import type { JsonSchema } from '@tessera/core';

type Node = Readonly<Record<string, unknown>>;

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMA_SLOTS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'prefixItems',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'anyOf',
  'oneOf',
  'allOf',
]);

/**
 * json-schema-to-typescript turns every `title` into a separately exported type, which would
 * make one type per field (`export type Amount = string`) and clash between tables. Fold each
 * title into the description instead, so it shows as the property's doc comment.
 */
export function titlesToComments(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'title') continue;
    if (SCHEMA_MAPS.has(key) && isNode(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, inner]) => [
          name,
          isNode(inner) ? titlesToComments(inner) : inner,
        ]),
      );
    } else if (SCHEMA_SLOTS.has(key)) {
      out[key] = Array.isArray(value)
        ? value.map((inner) => (isNode(inner) ? titlesToComments(inner) : inner))
        : isNode(value)
          ? titlesToComments(value)
          : value;
    } else {
      out[key] = value;
    }
  }
  const title = schema.title;
  if (typeof title === 'string' && title !== '') {
    const description = schema.description;
    out.description =
      typeof description === 'string' && description !== '' ? `${title} · ${description}` : title;
  }
  return out;
}
