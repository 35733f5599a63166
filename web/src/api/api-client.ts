import type { Locale } from '@tessera/core';
import { api, type TesseraApi } from '@tessera/core/api';
import { type Client, createClient } from '@tessera/runtime/client';

/**
 * The one door to `/api`: the typed client of the API contract (`api.call.records.create({
 * params, body })`), whose paths, bodies and answers the compiler checks. It sends the session
 * cookie, the CSRF token on writes and the user's language; every refusal is an `ApiProblem`
 * carrying the server's message.
 */
export class ApiClient {
  csrfToken: string | undefined;
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
}
