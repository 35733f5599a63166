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
    Settings.Set({ useAcceleration: false, maxErrors: 200 });
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
function pickUseful(all: readonly SchemaErrorLike[]): SchemaErrorLike[] {
  const errors = keepMatchingBranches(all);
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

const DISCRIMINATORS = /\/(kind|op|type)$/;

/**
 * In a union told apart by a `kind` (or `op`, `type`) property, the branches whose
 * discriminator did not match are noise: keep the errors of the branch the value chose.
 */
function keepMatchingBranches(errors: readonly SchemaErrorLike[]): SchemaErrorLike[] {
  const branchOf = (error: SchemaErrorLike) => {
    const match = /^(.*)\/anyOf\/(\d+)(\/|$)/.exec(error.schemaPath);
    return match ? { union: match[1]!, branch: match[2]! } : undefined;
  };
  // the values a union was applied to: parents of discriminator properties
  const parents = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'const' && DISCRIMINATORS.test(error.instancePath)) {
      parents.add(error.instancePath.replace(DISCRIMINATORS, ''));
    }
  }
  const keyOf = (error: SchemaErrorLike, union: string) => {
    let best: string | undefined;
    for (const parent of parents) {
      const inside = error.instancePath === parent || error.instancePath.startsWith(`${parent}/`);
      if (inside && (best === undefined || parent.length > best.length)) best = parent;
    }
    return best === undefined ? undefined : `${union}|${best}`;
  };
  const failed = new Map<string, Set<string>>();
  const seen = new Map<string, Set<string>>();
  for (const error of errors) {
    const at = branchOf(error);
    const key = at && keyOf(error, at.union);
    if (!at || !key) continue;
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)!.add(at.branch);
    if (error.keyword === 'const' && DISCRIMINATORS.test(error.instancePath)) {
      if (!failed.has(key)) failed.set(key, new Set());
      failed.get(key)!.add(at.branch);
    }
  }
  return errors.filter((error) => {
    const at = branchOf(error);
    const key = at && keyOf(error, at.union);
    if (!at || !key) return true;
    const lost = failed.get(key);
    if (!lost) return true;
    // no branch matched: only "kind must be one of …" says something useful
    if (lost.size === seen.get(key)!.size)
      return error.keyword === 'const' && DISCRIMINATORS.test(error.instancePath);
    return !lost.has(at.branch);
  });
}
