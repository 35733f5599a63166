import type { Static } from '@tessera/core';
import {
  type AnswerOf,
  type ApiContract,
  type BodyOf,
  type ContractGroup,
  fillPath,
  type PathParams,
  type QueryOf,
  type RecordViewSchema,
  type RouteContract,
  type recordsApi,
} from '@tessera/core/api';

type RecordView = Static<typeof RecordViewSchema>;

/** A refusal from Tessera, with the server's message in the request's language. */
export class TesseraApiError extends Error {
  override name = 'TesseraApiError';
  constructor(
    /** The HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Stable and machine-readable: `invalid_body`, `conflict`, `offline` … */
    readonly code: string,
    message: string,
    /** What is wrong: a JSON pointer into the body, or `?name` of the query. */
    readonly field?: string,
    /** The whole `error` object of the answer (issues, line and column …). */
    readonly detail: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** No answer at all: offline, or the server is down. */
  get offline(): boolean {
    return this.status === 0;
  }
}

/** A body that is not JSON (a file, a CSV text, a FormData), for routes that take one. */
export type RawBody = NonNullable<RequestInit['body']>;

type Needs<Key extends string, T> = [T] extends [undefined]
  ? { readonly [K in Key]?: undefined }
  : Record<string, never> extends T
    ? { readonly [K in Key]?: T }
    : { readonly [K in Key]: T };

/** What one call takes: the path's params, the body and the query as its contract says. */
export type CallInput<C extends RouteContract> = Needs<'params', PathParams<C['path']>> &
  Needs<'body', BodyOf<C> | (C['rawBody'] extends object ? RawBody : never)> &
  Needs<'query', QueryOf<C>> & {
    /** Sent as `Idempotency-Key`, so a retried write lands once. */
    readonly idempotencyKey?: string;
    readonly signal?: AbortSignal;
    /** Extra request headers (`If-Match` …). */
    readonly headers?: Readonly<Record<string, string>>;
  };

type Call<C extends RouteContract> =
  Record<string, never> extends CallInput<C>
    ? (input?: CallInput<C>) => Promise<AnswerOf<C>>
    : (input: CallInput<C>) => Promise<AnswerOf<C>>;

/** The client of an API: `client.records.create({ params, body })`, typed by the contracts. */
export type Client<A extends ApiContract> = {
  readonly [G in keyof A]: { readonly [O in keyof A[G]]: Call<A[G][O]> };
};

export interface ClientOptions {
  /** Where Tessera runs (`http://127.0.0.1:3000`); empty in a browser on the same origin. */
  readonly baseUrl?: string;
  /** An API token (`Authorization: Bearer`), for programs; browsers use their session cookie. */
  readonly token?: string;
  /** Headers for every request, worked out per call (language, CSRF token of a session). */
  readonly headers?: () => Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
}

/**
 * A client for Tessera's API, made from the same contracts the server implements: paths,
 * bodies, queries and answers are checked by the compiler. Refusals reject with a
 * {@link TesseraApiError} carrying the server's code, message and field.
 */
export function createClient<A extends ApiContract>(
  api: A,
  options: ClientOptions = {},
): Client<A> {
  const send = sender(options);
  const client: Record<string, Record<string, (input?: object) => Promise<unknown>>> = {};
  for (const [group, contracts] of Object.entries(api as Record<string, ContractGroup>)) {
    client[group] = {};
    for (const [name, contract] of Object.entries(contracts)) {
      client[group][name] = (input = {}) => send(contract, input as CallInput<RouteContract>);
    }
  }
  return client as Client<A>;
}

/** The address of a call (`/api/…?query`), for links and downloads. */
export function hrefOf(
  contract: RouteContract,
  params: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, unknown>> = {},
  baseUrl = '',
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `${baseUrl}/api${fillPath(contract.path, params)}${text ? `?${text}` : ''}`;
}

function sender(options: ClientOptions) {
  const fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  return async (contract: RouteContract, input: CallInput<RouteContract>): Promise<unknown> => {
    const call = input as {
      params?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
      idempotencyKey?: string;
      signal?: AbortSignal;
      headers?: Record<string, string>;
    };
    const method = contract.method.toUpperCase();
    const headers: Record<string, string> = { ...options.headers?.(), ...call.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (call.idempotencyKey) {
      // a header: a key with other characters would fail inside fetch, looking like a lost link
      if (!/^[\x21-\x7e]+$/.test(call.idempotencyKey)) {
        throw new TypeError(
          `the idempotency key "${call.idempotencyKey}" is sent as a header: use printable ASCII (encodeURIComponent what is not)`,
        );
      }
      headers['idempotency-key'] = call.idempotencyKey;
    }
    let body: RawBody | undefined;
    if (contract.rawBody !== undefined && call.body !== undefined) body = call.body as RawBody;
    else if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    let response: Response;
    try {
      response = await fetcher(hrefOf(contract, call.params, call.query, baseUrl), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body }),
        ...(call.signal ? { signal: call.signal } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new TesseraApiError(0, 'offline', (error as Error).message);
    }
    const text = await response.text();
    const data = text ? parsed(text) : undefined;
    if (response.ok) return data;
    const problem = (data as { error?: Record<string, unknown> } | undefined)?.error ?? {};
    throw new TesseraApiError(
      response.status,
      String(problem.code ?? 'http_error'),
      String(problem.message ?? response.statusText),
      typeof problem.field === 'string' ? problem.field : undefined,
      problem,
    );
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type RecordsGroup = Client<{ records: typeof recordsApi }>['records'];

/** A record as the API shows it, with its values typed by the app's generated declarations. */
export type TypedRecord<V> = Omit<RecordView, 'values'> & { readonly values: V };

/** Values to change: the fields named, each a new value or null to clear it. */
export type ValuesPatch<V> = { readonly [K in keyof V]?: V[K] | null };

/** One table's records, typed by the app's own fields (see `tableClient`). */
export interface TableClient<V> {
  /** Creates a record; fields the server computes or numbers may be left out. */
  create(
    values: Partial<V>,
    options?: { readonly idempotencyKey?: string },
  ): Promise<TypedRecord<V>>;
  get(id: string): Promise<TypedRecord<V>>;
  /** Changes the fields named, with the revision read (a record changed since is a 409). */
  update(id: string, rev: string, values: ValuesPatch<V>): Promise<TypedRecord<V>>;
  /** A page, newest first; pass `next` back as `cursor`. */
  list(page?: {
    readonly cursor?: string;
    readonly limit?: number;
  }): Promise<{ items: TypedRecord<V>[]; next?: string }>;
  remove(id: string, rev: string): Promise<void>;
}

/**
 * The records of one table, typed by the app's generated declarations
 * (`GET /api/apps/{app}/versions/{n}/types` exports `Tables`):
 * `tableClient<Tables, 'customer'>(tessera, 'contract', 'customer').create({ name: '华为' })`.
 */
export function tableClient<Tables, T extends keyof Tables & string>(
  client: { readonly records: RecordsGroup },
  app: string,
  table: T,
): TableClient<Tables[T]> {
  type V = Tables[T];
  const where = { app, table };
  const typed = (record: RecordView) => record as unknown as TypedRecord<V>;
  return {
    create: async (values, options = {}) =>
      typed(
        await client.records.create({
          params: where,
          body: { values: values as Record<string, unknown> },
          ...(options.idempotencyKey === undefined
            ? {}
            : { idempotencyKey: options.idempotencyKey }),
        }),
      ),
    get: async (id) => typed(await client.records.get({ params: { ...where, id } })),
    update: async (id, rev, values) =>
      typed(
        await client.records.update({
          params: { ...where, id },
          body: { _rev: rev, values: values as Record<string, unknown> },
        }),
      ),
    list: async (page = {}) => {
      const answer = await client.records.list({
        params: where,
        query: {
          ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
          ...(page.limit === undefined ? {} : { limit: String(page.limit) }),
        },
      });
      return {
        items: answer.items.map(typed),
        ...(answer.next === undefined ? {} : { next: answer.next }),
      };
    },
    remove: async (id, rev) => {
      await client.records.remove({ params: { ...where, id }, query: { rev } });
    },
  };
}
