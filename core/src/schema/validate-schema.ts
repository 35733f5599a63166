import { Settings } from 'typebox/system';
import Value from 'typebox/value';
import type { Issue } from '../issues/issue.ts';
import { describeSchemaError, type SchemaErrorLike } from './schema-messages.ts';

/** A JSON Schema object as TypeBox builds it (a plain, serialisable object). */
export type JsonSchema = Readonly<Record<string, unknown>>;

let accelerationOff = false;

/**
 * Checks `value` against a JSON Schema and returns issues whose paths are JSON pointers
 * below `base`. Validation is interpreted, never compiled to JavaScript: schemas may
 * carry text from packs, and Tessera runs no generated code (decision 2).
 */
export function validateSchema(schema: object, value: unknown, base = ''): Issue[] {
  if (!accelerationOff) {
    Settings.Set({ useAcceleration: false });
    accelerationOff = true;
  }
  if (Value.Check(schema as never, value)) return [];
  const raw = Value.Errors(schema as never, value) as unknown as SchemaErrorLike[];
  return pickUseful(raw).map((error) => describeSchemaError(error, base, value));
}

/**
 * JSON Schema reports every failed branch of a union; people want the one that matters.
 * Keep the deepest errors per location and drop the union summaries when details exist.
 */
function pickUseful(errors: readonly SchemaErrorLike[]): SchemaErrorLike[] {
  const detailed = errors.filter(
    (error) =>
      error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && error.keyword !== 'boolean',
  );
  const chosen = detailed.length > 0 ? detailed : [...errors];
  const byPath = new Map<string, SchemaErrorLike[]>();
  for (const error of chosen) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const out: SchemaErrorLike[] = [];
  for (const [path, list] of byPath) {
    const deeper = [...byPath.keys()].some(
      (other) => other !== path && other.startsWith(`${path}/`),
    );
    const consts = list.filter((error) => error.keyword === 'const');
    if (consts.length > 1) {
      // a union of literals: report one "must be one of" instead of one error per literal
      out.push({
        keyword: 'enum',
        instancePath: path,
        schemaPath: consts[0]!.schemaPath,
        params: { allowedValues: consts.map((error) => error.params.allowedValue) },
      });
      out.push(...list.filter((error) => error.keyword !== 'const'));
      continue;
    }
    // a union whose branches differ only deeper down: the deeper errors explain it
    if (deeper && list.every((error) => error.keyword === 'type' || error.keyword === 'const'))
      continue;
    out.push(...list);
  }
  return dedupe(out);
}

function dedupe(errors: SchemaErrorLike[]): SchemaErrorLike[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
