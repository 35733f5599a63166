import type { Locale } from '@tessera/core';
import { api, type TesseraApi } from '@tessera/core/api';
import { type Client, createClient } from '@tessera/runtime/client';
import { ApiProblem } from './api-error.ts';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /** Sent as `Idempotency-Key`, so a retried write lands once. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/**
 * The one door to `/api`: sends the session cookie, the CSRF token on writes and the user's
 * language, and turns every refusal into an {@link ApiProblem} carrying the server's message.
 */
export class ApiClient {
  csrfToken: string | undefined;
  /**
   * The typed client of the API contract (`this.call.records.create({ params, body })`): paths,
   * bodies and answers checked by the compiler. Same session, language and errors as below.
   */
  readonly call: Client<TesseraApi>;

  constructor(
    private readonly locale: () => Locale,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {
    this.call = createClient(api, {
      headers: () => ({
        'accept-language': this.locale(),
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      }),
      fetch: (...args) => this.fetcher(...args),
    });
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.send<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.send<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.send<T>('PUT', path, { ...options, body });
  }

  /** The address of a GET, for links and downloads. */
  href(path: string, query: Query = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const text = search.toString();
    return `/api${path}${text ? `?${text}` : ''}`;
  }

  async send<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { 'accept-language': this.locale() };
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetcher(this.href(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiProblem(0, 'offline', (error as Error).message);
    }
    const text = await response.text();
    const data = text ? parse(text) : undefined;
    if (response.ok) return data as T;
    const problem = (data as { error?: Record<string, unknown> } | undefined)?.error ?? {};
    throw new ApiProblem(
      response.status,
      String(problem.code ?? 'http_error'),
      String(problem.message ?? response.statusText),
      typeof problem.field === 'string' ? problem.field : undefined,
      problem,
    );
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
