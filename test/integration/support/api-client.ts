/** A signed-in browser against a real Tessera process: its cookie and CSRF token. */
export interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly userId: string;
}

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown> & {
    error?: { code: string; message: string; field?: string };
  };
  /** The answer's headers (lower-case names). */
  readonly headers: Headers;
}

/**
 * Calls `base` + `path` as a browser would: the session cookie, and on writes the server's own
 * Origin and the CSRF token. A session signed in on one server is sent to another as is.
 */
export async function request(
  base: string,
  method: string,
  path: string,
  options: {
    readonly session?: Session;
    readonly body?: unknown;
    /** Extra request headers, e.g. `Idempotency-Key`. */
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.session) {
    headers.cookie = `tessera_session=${options.session.cookie}`;
    if (method !== 'GET') {
      headers.origin = new URL(base).origin;
      headers['x-csrf-token'] = options.session.csrf;
    }
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { error: { code: 'not_json', message: text.slice(0, 200) } };
  }
  return { status: response.status, json, headers: response.headers };
}

/** Signs in on `base` (throws unless 200). */
export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(base).origin },
    body: JSON.stringify({ username, password }),
  });
  const json = (await response.json()) as { csrfToken?: string; user?: { id: string } };
  if (response.status !== 200) {
    throw new Error(`sign-in on ${base} failed: ${response.status} ${JSON.stringify(json)}`);
  }
  const cookie = /tessera_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie || !json.csrfToken || !json.user) throw new Error('sign-in set no session');
  return { cookie, csrf: json.csrfToken, userId: json.user.id };
}

/** Every item of a list route, page by page through its `next` cursor. */
export async function listAll<T>(
  base: string,
  path: string,
  session: Session,
  limit = 50,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const query = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await request(base, 'GET', `${path}${separator}${query}`, { session });
    if (page.status !== 200)
      throw new Error(`GET ${path}: ${page.status} ${JSON.stringify(page.json)}`);
    items.push(...(page.json.items as T[]));
    cursor = page.json.next as string | undefined;
    pages++;
    if (pages > 10_000) throw new Error(`GET ${path} never ends`);
  } while (cursor);
  return { items, pages };
}
