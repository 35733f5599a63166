import { ApiClient } from '../src/api/api-client.ts';

/** One request the page sent, as the fake server saw it. */
export interface SeenRequest {
  readonly method: string;
  /** Without `/api`, e.g. `/packs/contract/install`. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
}

export interface FakeAnswer {
  readonly status?: number;
  readonly body?: unknown;
}

type Handler = FakeAnswer | readonly FakeAnswer[] | ((request: SeenRequest) => FakeAnswer);

/**
 * An {@link ApiClient} whose answers come from `handlers` keyed `"GET /packs"`: one answer, a
 * list answered in turn (the last one repeats), or a function of the request. Unknown
 * requests get a 404 problem. Every request is kept in `requests`.
 */
export function fakeApi(handlers: Record<string, Handler>) {
  const requests: SeenRequest[] = [];
  const turns = new Map<string, number>();
  const fetcher = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://tessera.test');
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/api/, '');
    const request: SeenRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const key = `${method} ${path}`;
    const handler = handlers[key];
    let answer: FakeAnswer;
    if (handler === undefined) {
      answer = { status: 404, body: { error: { code: 'not_found', message: `no ${key}` } } };
    } else if (typeof handler === 'function') answer = handler(request);
    else if (Array.isArray(handler)) {
      const turn = turns.get(key) ?? 0;
      turns.set(key, turn + 1);
      answer = handler[Math.min(turn, handler.length - 1)]!;
    } else answer = handler as FakeAnswer;
    const status = answer.status ?? 200;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const api = new ApiClient(() => 'en', fetcher as typeof fetch);
  const sent = (method: string, path: string) =>
    requests.filter((one) => one.method === method && one.path === path);
  return { api, requests, sent };
}
