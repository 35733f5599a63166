import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredRouteOf } from '../src/http/register-routes.ts';
import type { OpenApiDocument } from '../src/index.ts';
import { CURRENT_REV, matches } from './api-fuzz-arbitraries.ts';
import {
  type Actor,
  casesFor,
  type FuzzCase,
  guardOutcome,
  type WriteRoute,
  writeRoutesOf,
} from './api-fuzz-plan.ts';
import {
  buildWorld,
  copyWorld,
  fingerprint,
  settleWrites,
  type WorldCopy,
} from './api-fuzz-world.ts';

/**
 * API fuzz (DESIGN decision 9): every write route in the OpenAPI document, called with bodies
 * derived from its schema and broken variants of them, as an admin, a plain user and nobody.
 * Never a 5xx; every refusal is `{ error: { code, message } }` (a schema failure names its
 * `field`); and a refused request writes nothing — each write the app makes is journaled, and
 * the storage's revisions are compared per route to check the journal missed none.
 * TESSERA_FUZZ_SEED and TESSERA_FUZZ_RUNS replay or deepen a run; TESSERA_FUZZ_ONLY="PATCH /api/users"
 * keeps the routes whose "METHOD path" contains it; TESSERA_FUZZ_VERBOSE=1 prints every case.
 */
const SEED = Number(process.env.TESSERA_FUZZ_SEED ?? 20_260_302);
const RUNS = Number(process.env.TESSERA_FUZZ_RUNS ?? 30);
/** Cases for an actor the guard turns away before the body is read. */
const TURNED_AWAY_RUNS = 3;
/** Routes that check a password on almost every call (scrypt, ~70 ms by design): a third. */
const HASHING = new Set(['POST /api/auth/login', 'POST /api/auth/password']);
const ONLY = process.env.TESSERA_FUZZ_ONLY ?? '';
const VERBOSE = process.env.TESSERA_FUZZ_VERBOSE === '1';

/**
 * Documents a refused request may write on purpose: the department tree's lease, taken and
 * released around a check (organisation/tree-lease.ts), and the failure counters of sign-ins,
 * password changes and public forms (auth/storage-attempt-store.ts).
 */
const MACHINERY = /^(lease|loginattempts):/;

const world = await buildWorld();
let copy: WorldCopy = await copyWorld(world);
let dirty = false;
const document = (await (await copy.app.request('/api/openapi.json')).json()) as OpenApiDocument;
const checkedFirst = new Set(
  copy.app.routes.flatMap((one) => {
    const declared = declaredRouteOf(one.handler);
    if (!declared?.body) return [];
    return [`${declared.method.toUpperCase()} /api${declared.path.replace(/:(\w+)/g, '{$1}')}`];
  }),
);
const routes = writeRoutesOf(document, checkedFirst).filter((route) =>
  `${route.method} ${route.path}`.includes(ONLY),
);

function actorsOf(route: WriteRoute): [Actor, number][] {
  const runs = HASHING.has(`${route.method} ${route.path}`) ? Math.ceil(RUNS / 3) : RUNS;
  const runsOf = (actor: Actor) =>
    guardOutcome(route, actor) === 'pass' ? runs : TURNED_AWAY_RUNS;
  // the admin last: its accepted writes (a password reset, a deletion) may end the others' sessions
  return [
    ['anonymous', route.guard === 'public' ? Math.ceil(runs / 3) : 2],
    ['no-csrf', 1],
    ['foreign-origin', 1],
    ['forged', 2],
    ['user', runsOf('user')],
    ['admin', runsOf('admin')],
  ];
}

const plans = routes.map((route) => ({
  route,
  cases: actorsOf(route).flatMap(([actor, runs]) => casesFor(world, route, actor, runs, SEED)),
}));
const total = plans.reduce((sum, plan) => sum + plan.cases.length, 0);

interface Answer {
  readonly status: number;
  readonly json:
    | { error?: { code?: unknown; message?: unknown; field?: unknown; issues?: unknown } }
    | undefined;
  readonly url: string;
}

/** The revision of the document the path's last parameter names, for `_rev`/`rev` hints. */
async function currentRev(params: Readonly<Record<string, string>>): Promise<string> {
  const id = Object.values(params).at(-1);
  try {
    const found = id ? await copy.storage.get(id) : undefined;
    if (found) return found._rev;
  } catch {
    // a junk id the storage cannot even look up
  }
  return '1-00000000000000000000000000000000';
}

function headersOf(actor: Actor): Record<string, string> {
  if (actor === 'anonymous') return { origin: 'http://localhost' };
  if (actor === 'forged') return { origin: 'http://localhost' }; // the case brings its own
  const session = actor === 'user' ? world.user : world.admin;
  return {
    cookie: `tessera_session=${session.cookie}`,
    origin: actor === 'foreign-origin' ? 'https://evil.example' : 'http://localhost',
    ...(actor === 'no-csrf' ? {} : { 'x-csrf-token': session.csrf }),
  };
}

/** Each case comes from its own address, so per-address limits do not swallow the run. */
const fromAddress = (index: number) => ({
  incoming: {
    socket: {
      remoteAddress: `198.51.${index >> 8}.${index & 255}`,
      remotePort: 40000,
      remoteFamily: 'IPv4',
    },
  },
});

async function send(route: WriteRoute, kase: FuzzCase, index: number): Promise<Answer> {
  const rev = await currentRev(kase.params);
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(kase.params[name] ?? ''),
  );
  const query = new URLSearchParams(
    Object.entries(kase.query).map(([key, value]): [string, string] => [
      key,
      value === CURRENT_REV ? rev : value,
    ]),
  ).toString();
  const url = `${path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = { ...headersOf(kase.actor), ...kase.headers };
  const body = kase.body;
  let sent: string | Uint8Array | FormData | undefined;
  if (body?.value !== undefined) {
    sent = JSON.stringify(body.value, (_, inner) => (inner === CURRENT_REV ? rev : inner));
    if (body.contentType === undefined) headers['content-type'] = 'application/json';
  } else if (body?.raw !== undefined) sent = body.raw;
  if (body?.contentType) headers['content-type'] = body.contentType;
  const response = await copy.app.request(
    url,
    {
      method: route.method,
      headers,
      ...(sent === undefined ? {} : { body: sent as RequestInit['body'] }),
    },
    fromAddress(index),
  );
  const text = await response.text();
  let json: Answer['json'];
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, json, url };
}

/** The JSON value the server will read from the body, when it is one. */
function jsonSent(kase: FuzzCase): { value: unknown } | undefined {
  const body = kase.body;
  if (!body) return undefined;
  if (body.value !== undefined) return { value: body.value };
  if (typeof body.raw !== 'string') return undefined;
  try {
    return { value: JSON.parse(body.raw.replace(/^\uFEFF/, '')) };
  } catch {
    return undefined;
  }
}

/** What must hold of the answer, beyond "no 5xx": the guard first, then the schemas. */
function expectationOf(route: WriteRoute, kase: FuzzCase) {
  const oversize = typeof kase.body?.raw === 'string' && kase.body.raw.length > 5 * 1024 * 1024;
  if (oversize && !route.bodyType?.startsWith('multipart/')) {
    return { what: '413 payload_too_large', ok: (a: Answer) => a.status === 413 };
  }
  const guard = guardOutcome(route, kase.actor);
  if (guard === 'unknown') return undefined;
  if (guard === 'denied') {
    return { what: '401 or 403', ok: (a: Answer) => a.status === 401 || a.status === 403 };
  }
  if (guard !== 'pass') {
    return { what: `${guard} from the guard`, ok: (a: Answer) => a.status === guard };
  }
  if (route.bodyType !== 'application/json' || !route.body || !kase.body) return undefined;
  if (!route.checkedFirst) {
    // the handler reads the body itself, after its own checks (a public form: 404, then 429)
    const sent = jsonSent(kase);
    if (!sent || matches(route.body, sent.value)) return undefined;
    return { what: 'a refusal of a body the schema refuses', ok: (a: Answer) => a.status >= 400 };
  }
  if (kase.queryValid === false) {
    return {
      what: '400 invalid_query',
      ok: (a: Answer) => a.json?.error?.code === 'invalid_query',
    };
  }
  if (kase.queryValid !== true) return undefined;
  const sent = jsonSent(kase);
  if (!sent) {
    if (typeof kase.body.raw !== 'string') return undefined;
    return { what: '400 invalid_json', ok: (a: Answer) => a.json?.error?.code === 'invalid_json' };
  }
  if (matches(route.body, sent.value)) {
    // a handler may still answer invalid_body for a rule across fields, but without schema issues
    return {
      what: 'no schema refusal of a body that matches the schema',
      ok: (a: Answer) =>
        a.json?.error?.code !== 'invalid_json' &&
        !(a.json?.error?.code === 'invalid_body' && 'issues' in a.json.error),
    };
  }
  return {
    what: '400 invalid_body naming the field (or too_deep)',
    ok: (a: Answer) =>
      a.status === 400 &&
      (a.json?.error?.code === 'too_deep' ||
        (a.json?.error?.code === 'invalid_body' && typeof a.json.error.field === 'string')),
  };
}

/**
 * What a request's writes leave behind: a document created and removed again within the
 * request (a claim released on refusal) leaves nothing, nor does machinery.
 */
function leftBehind(written: readonly string[]): string[] {
  const opsById = new Map<string, string[]>();
  for (const write of written) {
    const [op, id] = [write.slice(0, write.indexOf(' ')), write.slice(write.indexOf(' ') + 1)];
    opsById.set(id, [...(opsById.get(id) ?? []), op]);
  }
  return [...opsById]
    .filter(([id, ops]) => !MACHINERY.test(id) && !(ops[0] === 'create' && ops.at(-1) === 'remove'))
    .map(([id, ops]) => `${id} (${ops.join(', ')})`);
}

/** Whether the actor's session still works (an accepted write may have ended it: a logout …). */
async function sessionEnded(actor: Actor): Promise<boolean> {
  if (actor === 'anonymous' || actor === 'forged') return false;
  const session = actor === 'user' ? world.user : world.admin;
  const me = await copy.app.request('/api/auth/me', {
    headers: { cookie: `tessera_session=${session.cookie}` },
  });
  await me.body?.cancel();
  return me.status === 401;
}

async function problemsOf(route: WriteRoute, kase: FuzzCase, answer: Answer, written: string[]) {
  const problems: string[] = [];
  const error = answer.json?.error;
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (answer.status >= 400) {
    if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
      problems.push(`refused with ${answer.status} without { error: { code, message } }`);
    } else if (error.field !== undefined && typeof error.field !== 'string') {
      problems.push('error.field is not a string');
    } else if (
      (answer.status === 400 || answer.status === 422) &&
      Array.isArray(error.issues) &&
      error.field === undefined
    ) {
      // issues are problems at places in the input: the first one's place is the field ('' is all)
      problems.push(`refused ${error.code} listing issues but naming no field`);
    }
    const left = leftBehind(written);
    if (left.length > 0) problems.push(`refused, yet left ${left.join(', ')}`);
  }
  const expected = expectationOf(route, kase);
  if (expected && !expected.ok(answer)) {
    const ended = answer.status === 401 && (await sessionEnded(kase.actor));
    if (!ended) problems.push(`expected ${expected.what}`);
  }
  return problems;
}

const short = (value: unknown, max = 300) => {
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value instanceof FormData) return `<form: ${[...value.keys()].join(', ')}>`;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…(${text.length})` : text;
};

/** Documents whose revision differs between two fingerprints (added, changed or removed). */
function changedIds(before: Map<string, string>, after: Map<string, string>): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => before.get(id) !== after.get(id));
}

describe(`API fuzz: ${routes.length} write routes, ${total} cases (seed ${SEED})`, () => {
  it('finds the write routes in the OpenAPI document', () => {
    if (ONLY) return;
    assert.ok(routes.length >= 40, `only ${routes.length} write routes`);
    assert.ok(routes.some((route) => route.path === '/api/users' && route.method === 'POST'));
  });

  for (const { route, cases } of plans) {
    it(`${route.method} ${route.path}: ${cases.length} cases`, async (t) => {
      if (dirty) {
        copy = await copyWorld(world);
        dirty = false;
      }
      const before = await fingerprint(copy.storage);
      const accepted = new Set<string>();
      const found = new Map<string, { count: number; example: string }>();
      const statuses = new Map<number, number>();
      for (const [index, kase] of cases.entries()) {
        const mark = copy.writes.length;
        const answer = await send(route, kase, index);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (VERBOSE) {
          const sent = short(kase.body?.value ?? kase.body?.raw, 200);
          console.log(
            `${kase.actor} ${kase.body?.kind} ${route.method} ${answer.url} ${sent} → ${answer.status} ${short(answer.json, 200)}`,
          );
        }
        if (answer.status < 400) {
          await settleWrites(copy, answer.status === 202 ? 40 : 2);
          for (const write of copy.writes.slice(mark)) accepted.add(write.replace(/^\w+ /, ''));
        }
        for (const problem of await problemsOf(route, kase, answer, copy.writes.slice(mark))) {
          const key = `${kase.actor} ${kase.body?.kind ?? 'no body'}: ${problem}`;
          const seen = found.get(key);
          if (seen) seen.count++;
          else {
            found.set(key, {
              count: 1,
              example: `${route.method} ${answer.url} body=${short(kase.body?.value ?? kase.body?.raw)} headers=${short(kase.headers)} → ${answer.status} ${short(answer.json)}`,
            });
          }
        }
      }
      await settleWrites(copy, 5);
      // a fresh copy for the next route once a write was accepted (refusals left nothing)
      if (accepted.size > 0) dirty = true;
      const after = await fingerprint(copy.storage);
      const unexplained = changedIds(before, after).filter(
        (id) => !accepted.has(id) && !MACHINERY.test(id),
      );
      const held = [];
      for (const id of after.keys()) {
        const lease = id.startsWith('lease:')
          ? await copy.storage.get<{ holder: unknown }>(id)
          : undefined;
        if (lease && lease.holder !== null) held.push(id);
      }
      t.diagnostic(`statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
      const report = [...found].map(
        ([key, { count, example }]) => `${key} (×${count})\n    ${example}`,
      );
      assert.deepEqual(report, [], `\n${report.join('\n')}`);
      assert.deepEqual(unexplained, [], 'documents changed that no accepted write explains');
      assert.deepEqual(held, [], 'a lease is still held after the requests ended');
    });
  }
});
