import fc from 'fast-check';
import {
  arbitraryOf,
  CURRENT_REV,
  matches,
  NASTY_STRINGS,
  type Schema,
  setOwn,
} from './api-fuzz-arbitraries.ts';
import {
  CSV_HEADERS,
  forgedHeaders,
  hintsFor,
  JUNK_IDS,
  realParams,
  seedBodies,
} from './api-fuzz-hints.ts';
import {
  brokenVariants,
  csvBodies,
  type FuzzBody,
  multipartBodies,
  rawVariants,
} from './api-fuzz-variants.ts';
import type { FuzzWorld } from './api-fuzz-world.ts';

/** Who calls: a signed-in admin or plain user (with or without a valid CSRF check), or nobody. */
export type Actor = 'admin' | 'user' | 'anonymous' | 'no-csrf' | 'foreign-origin' | 'forged';

/** A write route as the OpenAPI document describes it. */
export interface WriteRoute {
  readonly method: string;
  /** `/api/users/{id}` */
  readonly path: string;
  readonly guard: string;
  readonly body: Schema | undefined;
  /** `application/json`, `text/csv`, `multipart/form-data` or undefined (no body). */
  readonly bodyType: string | undefined;
  /** The registry checks the JSON body before the handler runs (a `body`, not a `rawBody`). */
  readonly checkedFirst: boolean;
  readonly query: readonly { name: string; required: boolean; schema: Schema }[];
}

export interface FuzzCase {
  readonly actor: Actor;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** false when the query has a value its schema refuses; undefined when unsure (unknown keys). */
  readonly queryValid: boolean | undefined;
  readonly body: FuzzBody | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

type Operation = {
  'x-tessera-guard': string;
  parameters?: { name?: string; in?: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/**
 * Every POST, PUT, PATCH and DELETE route in the document: new routes are fuzzed unasked.
 * `checked` holds `POST /api/x/{id}` for the routes whose JSON body the registry checks first.
 */
export function writeRoutesOf(
  document: { paths: Record<string, Record<string, unknown>> },
  checked: ReadonlySet<string>,
): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = raw as Operation;
      const content = operation.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      routes.push({
        method: method.toUpperCase(),
        path,
        guard: operation['x-tessera-guard'],
        body: bodyType ? content[bodyType]!.schema : undefined,
        bodyType,
        checkedFirst: checked.has(`${method.toUpperCase()} ${path}`),
        query: (operation.parameters ?? [])
          .filter((one) => one.in === 'query' && one.name && one.schema)
          .map((one) => ({
            name: one.name!,
            required: one.required === true,
            schema: one.schema!,
          })),
      });
    }
  }
  return routes;
}

/**
 * Whether the route's guard lets the actor through (401/403 otherwise, before the body is
 * read); unknown for a session failing the CSRF check on a public route (sign-in is exempt);
 * `denied` (401 or 403) for forged credentials.
 */
export function guardOutcome(
  route: WriteRoute,
  actor: Actor,
): 'pass' | 'unknown' | 'denied' | 401 | 403 {
  const csrfFails = actor === 'no-csrf' || actor === 'foreign-origin';
  if (route.guard === 'public') return csrfFails || actor === 'forged' ? 'unknown' : 'pass';
  if (actor === 'forged') return 'denied';
  if (actor === 'anonymous') return 401;
  if (csrfFails) return 403;
  if (route.guard === 'signedIn') return 'pass';
  const roles = /^role\((.*)\)$/.exec(route.guard)?.[1]?.split(/,\s*/) ?? [];
  return roles.includes(actor === 'admin' ? 'admin' : 'user') ? 'pass' : 403;
}

function paramsArbitrary(world: FuzzWorld, path: string): fc.Arbitrary<Record<string, string>> {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((found) => found[1]!);
  if (names.length === 0) return fc.constant({});
  const real = realParams(world, path);
  const junk = fc
    .record({
      base: real.length > 0 ? fc.constantFrom(...real) : fc.constant({} as Record<string, string>),
      name: fc.constantFrom(...names),
      // `.` and `..` are dot segments: the URL itself would lose them and name another route
      value: fc.oneof(
        fc.constantFrom(...JUNK_IDS),
        fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !/^\.\.?$/.test(text)),
      ),
    })
    .map(({ base, name, value }) => {
      const params: Record<string, string> = {};
      for (const one of names) params[one] = base[one] ?? 'missing';
      params[name] = value;
      return params;
    });
  return real.length === 0
    ? junk
    : fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, junk);
}

function bodyArbitrary(world: FuzzWorld, route: WriteRoute, params: Record<string, string>) {
  if (route.bodyType === 'text/csv') return csvBodies(CSV_HEADERS[route.path] ?? ['name', 'code']);
  if (route.bodyType?.startsWith('multipart/')) return multipartBodies('title,amount,owner');
  const schema = route.body ?? { type: 'object', properties: {} };
  const seeds = seedBodies(`${route.method} ${route.path}`, route.body, params);
  const hints = hintsFor(world, params);
  const generated = arbitraryOf(schema, hints);
  // every property with real values takes one of them: bodies that get past "not found"
  const plausible = arbitraryOf(schema, hints, { hintsOnly: true });
  const valid = fc.oneof(
    ...(seeds.length > 0 ? [fc.constantFrom(...seeds)] : []),
    generated,
    plausible,
  );
  if (!route.body) {
    // no body declared: the route must ignore whatever comes
    return fc.oneof(
      { arbitrary: fc.constant<FuzzBody | undefined>(undefined), weight: 3 },
      valid.chain(rawVariants),
    );
  }
  const validBody = (value: unknown): FuzzBody => ({ kind: 'valid', value });
  return fc.oneof(
    { arbitrary: valid.map(validBody), weight: 2 },
    { arbitrary: plausible.map(validBody), weight: 2 },
    { arbitrary: valid.chain(brokenVariants), weight: 5 },
    { arbitrary: valid.chain(rawVariants), weight: 1 },
  );
}

/** Query values the handlers accept beyond what the schema says (a locale is en or zh-CN). */
const QUERY_HINTS: Readonly<Record<string, readonly string[]>> = {
  rev: [CURRENT_REV],
  locale: ['en', 'zh-CN'],
};

function queryArbitrary(route: WriteRoute) {
  const shape: Record<string, fc.Arbitrary<string>> = {};
  for (const one of route.query) {
    const fitting = arbitraryOf(one.schema).map(String);
    const hints = QUERY_HINTS[one.name] ?? [];
    shape[one.name] = fc.oneof(
      ...(hints.length > 0 ? [{ arbitrary: fc.constantFrom(...hints), weight: 8 }] : []),
      { arbitrary: fitting, weight: 2 },
      { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 1 },
    );
  }
  return fc
    .record({
      known: fc.record(shape, {
        requiredKeys: route.query.filter((one) => one.required).map((one) => one.name),
      }),
      extra: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 5 },
        fc.constantFrom<Record<string, string>>(
          { locale: 'xx' },
          { locale: 'zh-CN' },
          { dryRun: 'maybe' },
          ownKey('__proto__', '1'),
          { constructor: 'x' },
        ),
      ),
    })
    .map(({ known, extra }) => {
      const query = { ...known, ...(extra ?? {}) };
      const named = route.query.every((one) => {
        const value = query[one.name];
        return value === undefined ? !one.required : matches(one.schema, value);
      });
      const unknownKeys = Object.keys(query).some(
        (key) => !route.query.some((one) => one.name === key),
      );
      return { query, queryValid: named ? (unknownKeys ? undefined : true) : false };
    });
}

/** `{ [key]: value }` as an own property, even for `__proto__`. */
function ownKey(key: string, value: string): Record<string, string> {
  const made: Record<string, string> = {};
  setOwn(made, key, value);
  return made;
}

const HEADERS: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 4 },
  { arbitrary: fc.uuid().map((id) => ({ 'idempotency-key': `fuzz-${id}` })), weight: 2 },
  fc.constantFrom<Record<string, string>>(
    { 'idempotency-key': 'fuzz-key-1' },
    { 'idempotency-key': 'x'.repeat(201) },
    { 'idempotency-key': 'cl\u00e9 key' },
    { 'accept-language': 'zh-CN' },
    { 'accept-language': '\u00ff;q=abc, *' },
  ),
);

/** A route's cases for one actor: fixed by the seed, the route and the actor, nothing else. */
export function casesFor(
  world: FuzzWorld,
  route: WriteRoute,
  actor: Actor,
  runs: number,
  seed: number,
): FuzzCase[] {
  const arbitrary = fc
    .record({
      params: paramsArbitrary(world, route.path),
      query: queryArbitrary(route),
      headers: actor === 'forged' ? forgedHeaders(world) : HEADERS,
    })
    .chain(({ params, query, headers }) =>
      bodyArbitrary(world, route, params).map(
        (body): FuzzCase => ({ actor, params, ...query, body, headers }),
      ),
    );
  const cases = fc.sample(arbitrary, {
    seed: seed ^ hash(`${route.method} ${route.path} ${actor}`),
    numRuns: runs,
  });
  // refusals first: a valid write may delete what the broken ones should be refused against
  const valid = (one: FuzzCase) => Number(one.body === undefined || one.body.kind === 'valid');
  return [...cases].sort((a, b) => valid(a) - valid(b));
}

function hash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619);
  return value >>> 0;
}
