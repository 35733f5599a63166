import type { Static, TSchema } from 'typebox';
import type { Bilingual } from '../i18n/localized.ts';

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

/**
 * One API route's contract: where it is, what it takes and what it answers. The server
 * implements it (guard and handler added there), the typed client calls it, the OpenAPI
 * document describes it; all three read this one declaration.
 */
export interface RouteContract {
  readonly method: HttpMethod;
  /** Below `/api`, in Hono's syntax: `/packs/validate`, `/records/:id`. */
  readonly path: string;
  /** Unique across the API; derived from method and path when left out (`postPacksValidate`). */
  readonly operationId?: string;
  readonly summary: Bilingual;
  readonly description?: Bilingual;
  readonly tags: readonly string[];
  /** The JSON body, checked before the handler runs (400 `invalid_body`). */
  readonly body?: TSchema;
  /** The query string as an object of strings, checked before the handler runs (400 `invalid_query`). */
  readonly query?: TSchema;
  /**
   * A body that is not JSON (`{ content: { 'text/csv': Type.String() } }`): documented only;
   * the handler reads and checks it. Not together with `body`.
   */
  readonly rawBody?: ResponseContent;
  /** By status. 400/413 (when there is input) and 401/403 (when guarded) are added if left out. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
}

/** Declares a contract, keeping its literal types (path, schemas) for the server and the client. */
export const route = <const C extends RouteContract>(contract: C): C => contract;

/** A group of contracts by operation name (`records.create`), and the API as groups. */
export type ContractGroup = Readonly<Record<string, RouteContract>>;
export type ApiContract = Readonly<Record<string, ContractGroup>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ParamName<S extends string> = S extends `${infer Name}{${string}` ? Name : S;

/** `/apps/:app/records/:id` → `{ app: string; id: string }` (a `{regex}` after a name dropped). */
export type PathParams<P extends string> = Simplify<
  P extends `${string}:${infer Name}/${infer Rest}`
    ? { [K in ParamName<Name>]: string } & PathParams<`/${Rest}`>
    : P extends `${string}:${infer Name}`
      ? { [K in ParamName<Name>]: string }
      : unknown
>;

/** The JSON body a contract takes (undefined when it takes none). */
export type BodyOf<C extends RouteContract> = C['body'] extends TSchema
  ? Static<C['body']>
  : undefined;

/** The query a contract takes (undefined when it takes none). */
export type QueryOf<C extends RouteContract> = C['query'] extends TSchema
  ? Static<C['query']>
  : undefined;

type Answer<S> = S extends ResponseContent
  ? S['content'] extends { 'application/json': infer J extends TSchema }
    ? Static<J>
    : unknown
  : S extends TSchema
    ? Static<S>
    : never;

/** What a contract answers on success: its 200, else 201, else 202; 204 is no body. */
export type AnswerOf<C extends RouteContract> = C['responses'] extends { 200: infer S }
  ? Answer<S>
  : C['responses'] extends { 201: infer S }
    ? Answer<S>
    : C['responses'] extends { 202: infer S }
      ? Answer<S>
      : undefined;

/** `post /packs/validate` → `postPacksValidate`; `get /records/:id` → `getRecordsById`. */
export function operationIdOf(method: HttpMethod, path: string): string {
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

/** The path with its `:params` filled in (each encoded), as a client sends it. */
export function fillPath(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}
