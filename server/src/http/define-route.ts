import type { Bilingual, Static, TSchema } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from './api-env.ts';
import { type Guard, isGuard } from './guards.ts';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A response that is not JSON, or needs its own description: `{ content: { 'text/plain': schema } }`. */
export interface ResponseContent {
  readonly description?: Bilingual;
  readonly content: Readonly<Record<string, TSchema>>;
}

/** A JSON response's schema, or a `ResponseContent`. */
export type ResponseSpec = TSchema | ResponseContent;

export const isResponseContent = (spec: ResponseSpec): spec is ResponseContent =>
  'content' in spec && typeof spec.content === 'object' && spec.content !== null;

/** What a handler receives once the guard passed and the input matched its schemas. */
export interface RouteInput<Body, Query> {
  readonly body: Body;
  readonly query: Query;
}

type StaticOf<S> = S extends TSchema ? Static<S> : undefined;

/** One API route, declared once: the registry mounts, guards and validates it and documents it. */
export interface RouteDeclaration<B extends TSchema | undefined, Q extends TSchema | undefined> {
  readonly method: HttpMethod;
  /** Below `/api`, in Hono's syntax: `/packs/validate`, `/records/:id`. */
  readonly path: string;
  /** Unique across the API; derived from method and path when left out (`postPacksValidate`). */
  readonly operationId?: string;
  readonly summary: Bilingual;
  readonly description?: Bilingual;
  readonly tags: readonly string[];
  /** Required: `guards.public()`, `guards.signedIn()` or `guards.role(…)`. */
  readonly guard: Guard;
  /** The JSON body, checked before the handler runs (400 `invalid_body`). */
  readonly body?: B;
  /** The query string as an object of strings, checked before the handler runs (400 `invalid_query`). */
  readonly query?: Q;
  /**
   * A body that is not JSON (`{ content: { 'text/csv': Type.String() } }`): documented only;
   * the handler reads and checks it. Not together with `body`.
   */
  readonly rawBody?: ResponseContent;
  /** By status. 400/413 (when there is input) and 401/403 (when guarded) are added if left out. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly handler: (
    c: Context<ApiEnv>,
    input: RouteInput<StaticOf<B>, StaticOf<Q>>,
  ) => Response | Promise<Response>;
}

/** A declared route with its types erased, as the registry and the document builder see it. */
export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: Bilingual;
  readonly description: Bilingual | undefined;
  readonly tags: readonly string[];
  readonly guard: Guard;
  readonly body: TSchema | undefined;
  readonly query: TSchema | undefined;
  readonly rawBody: ResponseContent | undefined;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly handle: (
    c: Context<ApiEnv>,
    input: RouteInput<unknown, unknown>,
  ) => Response | Promise<Response>;
}

/** Declares a route; throws at once when a part is missing, the guard above all. */
export function defineRoute<
  B extends TSchema | undefined = undefined,
  Q extends TSchema | undefined = undefined,
>(route: RouteDeclaration<B, Q>): ApiRoute {
  const name = `${String(route.method).toUpperCase()} ${route.path}`;
  if (!HTTP_METHODS.includes(route.method)) throw new TypeError(`${name}: unknown method`);
  if (!route.path.startsWith('/') || /^\/api(\/|$)/.test(route.path)) {
    throw new TypeError(`${name}: the path must start with / and not with /api (added on mount)`);
  }
  if (!isGuard(route.guard)) {
    throw new TypeError(
      `${name} has no guard: give it guards.public(), guards.signedIn() or guards.role(…)`,
    );
  }
  if (!route.summary?.en || !route.summary['zh-CN']) {
    throw new TypeError(`${name}: the summary needs both en and zh-CN`);
  }
  if (route.body !== undefined && route.rawBody !== undefined) {
    throw new TypeError(`${name}: declare either a JSON body or a raw body, not both`);
  }
  if (!Object.keys(route.responses).some((status) => /^2\d\d$/.test(status))) {
    throw new TypeError(`${name}: declare at least one 2xx response`);
  }
  return {
    method: route.method,
    path: route.path,
    operationId: route.operationId ?? operationIdOf(route.method, route.path),
    summary: route.summary,
    description: route.description,
    tags: route.tags,
    guard: route.guard,
    body: route.body,
    query: route.query,
    rawBody: route.rawBody,
    responses: route.responses,
    // the registry calls this only after the input matched the schemas B and Q
    handle: (c, input) => route.handler(c, input as RouteInput<StaticOf<B>, StaticOf<Q>>),
  };
}

/** `post /packs/validate` → `postPacksValidate`; `get /records/:id` → `getRecordsById`. */
function operationIdOf(method: HttpMethod, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) =>
      segment.startsWith(':')
        ? ['by', segment.slice(1).replace(/\{.*$/, '')]
        : segment.split(/[^A-Za-z0-9]+/),
    )
    .filter(Boolean);
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}
