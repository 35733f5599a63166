import { validateSchema } from '@tessera/core';
import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document holds it. */
export type Schema = Readonly<Record<string, unknown>>;

/** Stands for "the current revision of the document the path names"; filled in when sent. */
export const CURRENT_REV = '\u0000current-rev\u0000';

/** Real values by property name (ids, revisions, plausible field values) mixed into bodies. */
export type Hints = Readonly<Record<string, readonly unknown[]>>;

/** How values are drawn: `hintsOnly` gives a property with fitting hints nothing but them. */
export interface DrawOptions {
  readonly hintsOnly?: boolean;
}

interface Draw {
  readonly hints: Hints;
  readonly hintsOnly: boolean;
}

/** Strings that have broken parsers, normalisers and id checks before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u200b',
  'zero\u200bwidth',
  '\u202eevil.exe',
  'مرحبا',
  'ＡＤＭＩＮ',
  'e\u0301',
  '👩‍👩‍👧',
  '\ud800',
  'nul\u0000byte',
  '\n\r\t',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../etc/passwd',
  '%2F%00',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"$gt":""}',
  '=HYPERLINK("x")',
  '1e999',
  'NaN',
  '-0',
  '0x10',
  '99999999999999999999999',
  'user:',
  'record:',
  '_design/x',
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const lengthOf = (text: string) => [...text].length;

/** Whether `value` matches `schema` (the server's own checker, so the two cannot disagree). */
export const matches = (schema: Schema, value: unknown): boolean =>
  validateSchema(schema, fillRev(value)).length === 0;

/** A stand-in revision for validity checks: any real revision is a short non-empty string. */
const fillRev = (value: unknown): unknown => {
  if (value === CURRENT_REV) return '1-0';
  if (Array.isArray(value)) return value.map(fillRev);
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) setOwn(copy, key, fillRev(inner));
  return copy;
};

/** Sets a property as an own property, even `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const fits = (text: string) => lengthOf(text) >= min && lengthOf(text) <= max;
  const fitting = (arbitrary: fc.Arbitrary<string>) => arbitrary.filter(fits);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  if (schema.format === 'email') return fitting(fc.emailAddress());
  const nasty = NASTY_STRINGS.filter(fits);
  const short = Math.min(max, min + 24);
  const plain = fc.oneof(
    fc.string({ minLength: min, maxLength: short }),
    fc.string({ minLength: min, maxLength: short, unit: 'grapheme' }),
  );
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    const matching = fitting(fc.stringMatching(pattern, { size: 'xsmall' }));
    const nastyMatching = nasty.filter((text) => pattern.test(text));
    return nastyMatching.length > 0
      ? fc.oneof({ arbitrary: matching, weight: 4 }, fc.constantFrom(...nastyMatching))
      : matching;
  }
  return nasty.length > 0
    ? fc.oneof({ arbitrary: plain, weight: 3 }, fc.constantFrom(...nasty))
    : plain;
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const bound = (key: string) =>
    typeof schema[key] === 'number' ? (schema[key] as number) : undefined;
  const min = bound('minimum');
  const max = bound('maximum');
  if (integer) {
    return fc.integer({
      min: min ?? Number.MIN_SAFE_INTEGER,
      max: max ?? Number.MAX_SAFE_INTEGER,
    });
  }
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
  });
}

function arrayArbitrary(schema: Schema, draw: Draw, depth: number): fc.Arbitrary<unknown[]> {
  const items = isObject(schema.items) ? drawn(schema.items, draw, depth + 1) : fc.jsonValue();
  const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const declared = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const maxLength = Math.min(declared, minLength + 3);
  return schema.uniqueItems === true
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
    : fc.array(items, { minLength, maxLength });
}

function objectArbitrary(schema: Schema, draw: Draw, depth: number): fc.Arbitrary<unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, inner] of Object.entries(properties)) {
    if (isObject(inner)) shape[name] = hinted(name, inner, draw, depth);
  }
  let record: fc.Arbitrary<Record<string, unknown>> = fc.record(shape, {
    requiredKeys: Object.keys(shape).filter((name) => required.has(name)),
  });
  const patterns = isObject(schema.patternProperties)
    ? Object.entries(schema.patternProperties)
    : [];
  if (patterns.length > 0 && Object.keys(shape).length === 0 && depth < 4) {
    const [pattern, inner] = patterns[0]!;
    const key = fc.stringMatching(new RegExp(pattern, 'u'), { size: 'xsmall' });
    record = fc.dictionary(key, drawn(inner as Schema, draw, depth + 1), {
      maxKeys: 3,
      noNullPrototype: true,
    });
  }
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  return minProperties > 0
    ? record.filter((value) => Object.keys(value).length >= minProperties)
    : record;
}

/** A property's values: its real hints that fit the schema, mixed with generated ones. */
function hinted(name: string, schema: Schema, draw: Draw, depth: number): fc.Arbitrary<unknown> {
  const generated = drawn(schema, draw, depth + 1);
  const fitting = (Object.hasOwn(draw.hints, name) ? draw.hints[name]! : []).filter((value) =>
    matches(schema, value),
  );
  if (fitting.length === 0) return generated;
  if (draw.hintsOnly) return fc.constantFrom(...fitting);
  return fc.oneof({ arbitrary: fc.constantFrom(...fitting), weight: 3 }, generated);
}

/**
 * Values that match a JSON Schema, for the keywords the API document uses: type, properties,
 * required, additionalProperties, patternProperties, items, enum, const, anyOf/oneOf,
 * minLength/maxLength, pattern, format, minimum/maximum, minItems/maxItems, uniqueItems,
 * minProperties. An empty schema is any JSON value.
 */
export function arbitraryOf(
  schema: Schema,
  hints: Hints = {},
  options: DrawOptions = {},
): fc.Arbitrary<unknown> {
  return drawn(schema, { hints, hintsOnly: options.hintsOnly === true }, 0);
}

function drawn(schema: Schema, draw: Draw, depth: number): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) {
    return fc.oneof(...union.map((branch) => drawn(branch, draw, depth + 1)));
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    return fc.oneof(...type.map((one) => drawn({ ...schema, type: one }, draw, depth)));
  }
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, draw, depth);
    case 'object':
      return objectArbitrary(schema, draw, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
