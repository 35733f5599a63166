import type { PouchStorage } from '@tessera/runtime';
import type { Hono } from 'hono';
import { ensureFirstAdmin } from '../src/accounts/first-admin.ts';
import type { LoginRateLimiter } from '../src/auth/login-rate-limiter.ts';
import type { AppOptions } from '../src/create-app.ts';
import { type ApiEnv, createApp } from '../src/index.ts';
import type { StoreContext } from '../src/storage/store-context.ts';
import { makeStorage, testPlatform } from './helpers.ts';

export const ORIGIN = 'http://localhost';

/** A clock the test moves by hand. */
export interface Clock {
  now: number;
  advance(ms: number): void;
}

export interface TestServer {
  readonly app: Hono<ApiEnv>;
  readonly storage: PouchStorage & { readonly warnings: string[] };
  readonly clock: Clock;
  /** The same storage and clock as the app's, for calling stores directly. */
  readonly context: StoreContext;
  /** The first admin, made as `main.ts` makes it. */
  readonly admin: { readonly username: string; readonly password: string };
}

/** A fresh app on fresh memory storage, with its first admin made. */
export async function startTestServer(
  options: {
    readonly loginLimiter?: LoginRateLimiter;
    readonly timeZone?: string;
    readonly onServices?: AppOptions['onServices'];
    readonly webhooks?: AppOptions['webhooks'];
    readonly packs?: AppOptions['packs'];
  } = {},
): Promise<TestServer> {
  const storage = await makeStorage();
  const clock: Clock = {
    now: Date.now(),
    advance(ms) {
      this.now += ms;
    },
  };
  const context = { storage, now: () => clock.now };
  const first = await ensureFirstAdmin(context);
  if (!first.created) throw new Error('a fresh storage made no first admin');
  const app = createApp({ platform: testPlatform, storage, now: () => clock.now, ...options });
  return {
    app,
    storage,
    clock,
    context,
    admin: { username: first.username, password: first.password },
  };
}

/** A signed-in browser: its cookie and CSRF token. */
export interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly user: Record<string, unknown> & { id: string; username: string };
}

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown> & {
    error?: { code: string; message: string; field?: string };
  };
  readonly headers: Headers;
}

export interface CallOptions {
  /** A session (cookie, Origin and x-csrf-token are sent) or an API token. */
  readonly as?: Session | { readonly bearer: string };
  readonly body?: unknown;
  /** Leave out the CSRF token of the session. */
  readonly noCsrf?: boolean;
  readonly headers?: Record<string, string>;
}

/** Calls the API as a browser or an integration would. */
export async function call(
  app: Hono<ApiEnv>,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const as = options.as;
  if (as && 'bearer' in as) headers.authorization = `Bearer ${as.bearer}`;
  else if (as) {
    headers.cookie = `tessera_session=${as.cookie}`;
    if (method !== 'GET') {
      headers.origin = ORIGIN;
      if (!options.noCsrf) headers['x-csrf-token'] = as.csrf;
    }
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await app.request(path, {
    method,
    headers: { ...headers, ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** Signs in with the API and returns the session (throws unless it worked). */
export async function signIn(
  app: Hono<ApiEnv>,
  username: string,
  password: string,
): Promise<Session> {
  const answer = await call(app, 'POST', '/api/auth/login', { body: { username, password } });
  if (answer.status !== 200) {
    throw new Error(
      `sign-in of ${username} failed: ${answer.status} ${JSON.stringify(answer.json)}`,
    );
  }
  const cookie = /tessera_session=([^;]+)/.exec(answer.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('sign-in set no cookie');
  return {
    cookie,
    csrf: String(answer.json.csrfToken),
    user: answer.json.user as Session['user'],
  };
}

/** Creates a user through the API as `admin` and signs them in when `password` is given. */
export async function makeUser(
  server: TestServer,
  admin: Session,
  body: Record<string, unknown> & { username: string; password?: string },
): Promise<Session['user']> {
  const answer = await call(server.app, 'POST', '/api/users', {
    as: admin,
    body: { password: 'correct horse battery', ...body },
  });
  if (answer.status !== 201) {
    throw new Error(
      `creating ${body.username} failed: ${answer.status} ${JSON.stringify(answer.json)}`,
    );
  }
  return answer.json as Session['user'];
}

/**
 * PATCHes `path` with the `_rev` a GET of the same path reads just before (as `as`): a change
 * made from the current revision, as a client that has just loaded the form would send.
 */
export async function patchFresh(
  app: Hono<ApiEnv>,
  as: Session,
  path: string,
  body: Record<string, unknown>,
): Promise<Answer> {
  const read = await call(app, 'GET', path, { as });
  const rev = read.json._rev;
  return call(app, 'PATCH', path, {
    as,
    body: { ...(typeof rev === 'string' ? { _rev: rev } : {}), ...body },
  });
}
