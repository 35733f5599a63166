import type { Bilingual, Static, TSchema } from '@tessera/core';
import {
  HTTP_METHODS,
  type HttpMethod,
  operationIdOf,
  type ResponseContent,
  type ResponseSpec,
  type RouteContract,
} from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from './api-env.ts';
import { type Guard, isGuard } from './guards.ts';

export {
  HTTP_METHODS,
  type HttpMethod,
  isResponseContent,
  type ResponseContent,
  type ResponseSpec,
} from '@tessera/core/api';

/** What a handler receives once the guard passed and the input matched its schemas. */
export interface RouteInput<Body, Query> {
  readonly body: Body;
  readonly query: Query;
}

type StaticOf<S> = S extends TSchema ? Static<S> : undefined;

/** One API route, declared once: the registry mounts, guards and validates it and documents it. */
export interface RouteDeclaration<B extends TSchema | undefined, Q extends TSchema | undefined>
  extends Omit<RouteContract, 'body' | 'query'> {
  /** Required: `guards.public()`, `guards.signedIn()` or `guards.role(…)`. */
  readonly guard: Guard;
  /** The JSON body, checked before the handler runs (400 `invalid_body`). */
  readonly body?: B;
  /** The query string as an object of strings, checked before the handler runs (400 `invalid_query`). */
  readonly query?: Q;
  readonly handler: (
    c: Context<ApiEnv>,
    input: RouteInput<StaticOf<B>, StaticOf<Q>>,
  ) => Response | Promise<Response>;
}

/** How the server answers one contract of `@tessera/core/api`: who may call it, and the handler. */
export interface Implementation<C extends RouteContract> {
  readonly guard: Guard;
  readonly handler: (
    c: Context<ApiEnv>,
    input: RouteInput<StaticOf<C['body']>, StaticOf<C['query']>>,
  ) => Response | Promise<Response>;
}

/** Implements a contract of the API (`implement(api.records.create, { guard, handler })`). */
export function implement<C extends RouteContract>(
  contract: C,
  implementation: Implementation<C>,
): ApiRoute {
  return defineRoute({
    ...contract,
    ...implementation,
  } as RouteDeclaration<TSchema | undefined, TSchema | undefined>);
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
