import { ConflictError, NotFoundError, type Stored } from '@tessera/runtime';
import { newSecretToken, tokenDigest } from '../auth/secret-token.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { DOCUMENT_VERSION, readTyped } from '../storage/typed-document.ts';

export const SESSION_TYPE = 'session';

/**
 * How long a session lasts: it ends after `idleMs` without a request (sliding) and in any case
 * `absoluteMs` after sign-in. `lastSeenAt` is written at most every `touchEveryMs`, so a busy
 * session costs a write every few minutes, not one per request.
 */
export const SESSION_POLICY = {
  idleMs: 12 * 60 * 60_000,
  absoluteMs: 7 * 24 * 60 * 60_000,
  touchEveryMs: 5 * 60_000,
} as const;

/**
 * A browser session, `session:<SHA-256 of the token>`: the cookie holds the raw token, the
 * database only its digest. `expiresAt` is when it ends unless used again (the sooner of the
 * idle and the absolute end), so one index finds the sessions to sweep.
 */
export interface SessionFields {
  readonly schemaVersion: number;
  readonly user: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

export type SessionDocument = Stored<SessionFields>;

export const sessionIdOf = (token: string): string => `${SESSION_TYPE}:${tokenDigest(token)}`;

function expiryOf(createdAt: number, lastSeenAt: number): string {
  const end = Math.min(lastSeenAt + SESSION_POLICY.idleMs, createdAt + SESSION_POLICY.absoluteMs);
  return new Date(end).toISOString();
}

/** Starts a session for `user`: returns the raw token (for the cookie) and the stored session. */
export async function startSession(
  context: StoreContext,
  user: string,
): Promise<{ token: string; session: SessionDocument }> {
  const token = newSecretToken();
  const at = context.now();
  const fields: SessionFields = {
    schemaVersion: DOCUMENT_VERSION,
    user,
    createdAt: new Date(at).toISOString(),
    lastSeenAt: new Date(at).toISOString(),
    expiresAt: expiryOf(at, at),
  };
  const _id = sessionIdOf(token);
  const { rev } = await context.storage.create<SessionFields>({
    ...fields,
    _id,
    type: SESSION_TYPE,
  });
  return { token, session: { ...fields, _id, _rev: rev, type: SESSION_TYPE } };
}

/**
 * The live session of a token, its `lastSeenAt` moved forward when due; undefined when there
 * is none or it has ended (an ended session is deleted on the way).
 */
export async function liveSession(
  context: StoreContext,
  token: string,
): Promise<SessionDocument | undefined> {
  const session = await readTyped<SessionFields>(context.storage, sessionIdOf(token), SESSION_TYPE);
  if (!session) return undefined;
  const now = context.now();
  if (Date.parse(session.expiresAt) <= now) {
    await removeQuietly(context, session);
    return undefined;
  }
  if (now - Date.parse(session.lastSeenAt) < SESSION_POLICY.touchEveryMs) return session;
  try {
    await context.storage.mutate<SessionFields>(session._id, (current) => ({
      ...current,
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: expiryOf(Date.parse(current.createdAt), now),
    }));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined; // signed out meanwhile
    if (!(error instanceof ConflictError)) throw error; // others touched it: fine
  }
  return session;
}

/** Ends one session (sign-out). */
export async function endSession(context: StoreContext, id: string): Promise<void> {
  const session = await context.storage.get<SessionFields>(id);
  if (session) await removeQuietly(context, session);
}

/** Ends every session of `user` except `keep` (password change, reset, deactivation). */
export async function endSessionsOf(
  context: StoreContext,
  user: string,
  keep?: string,
): Promise<number> {
  const sessions = await readAll<SessionFields>(context.storage, {
    index: INDEX.ownedByUser,
    selector: { type: SESSION_TYPE, user },
  });
  let ended = 0;
  for (const session of sessions) {
    if (session._id === keep) continue;
    await removeQuietly(context, session);
    ended++;
  }
  return ended;
}

/** Deletes sessions that have ended (run at start; each is also deleted when next presented). */
export async function sweepEndedSessions(context: StoreContext): Promise<number> {
  const ended = await readAll<SessionFields>(context.storage, {
    index: INDEX.sessionsByExpiry,
    selector: { type: SESSION_TYPE, expiresAt: { $lte: isoNow(context) } },
  });
  for (const session of ended) await removeQuietly(context, session);
  return ended.length;
}

async function removeQuietly(context: StoreContext, session: SessionDocument): Promise<void> {
  try {
    await context.storage.remove(session._id, session._rev);
  } catch (error) {
    // touched or removed meanwhile: removing the newer revision is still right
    if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
    const current = await context.storage.get<SessionFields>(session._id);
    if (current) await context.storage.remove(current._id, current._rev).catch(() => {});
  }
}
