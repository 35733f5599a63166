import type { Bilingual, Locale } from '@tessera/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error shape every route answers with: `{ error: { code, message, field? } }`. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** JSON pointer into the request (body or query) naming what is wrong. */
    readonly field?: string;
    readonly [extra: string]: unknown;
  };
}

/**
 * A refusal of the request, thrown by a route and turned into JSON by the app's error handler.
 * The message is bilingual; the handler picks the request's language.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly detail: Bilingual;
  readonly field: string | undefined;
  readonly extra: Readonly<Record<string, unknown>>;
  /** Response headers that belong to the refusal, e.g. `Retry-After` on a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    detail: Bilingual,
    field?: string,
    extra: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail.en);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.field = field;
    this.extra = extra;
    this.headers = headers;
  }

  toBody(locale: Locale): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.detail[locale],
        ...(this.field === undefined ? {} : { field: this.field }),
        ...this.extra,
      },
    };
  }
}
