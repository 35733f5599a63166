import { ConflictError, NotFoundError, type Stored } from '@tessera/runtime';
import { newSecretToken, tokenDigest } from '../auth/secret-token.ts';
import { ApiError } from '../http/api-error.ts';
import { type PageQuery, pageOf, readPage } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { DOCUMENT_VERSION, readTyped } from '../storage/typed-document.ts';

export const API_TOKEN_TYPE = 'apitoken';
/** Tokens start with this, so secret scanners and people can tell what leaked. */
export const API_TOKEN_PREFIX = 'tsr_';
/** `lastUsedAt` is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** An API token, `apitoken:<SHA-256 of the token>`: the token itself is shown once, never stored. */
export interface ApiTokenFields {
  readonly schemaVersion: number;
  readonly user: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly expiresAt?: string;
}

export type ApiTokenDocument = Stored<ApiTokenFields>;

export const apiTokenView = (doc: ApiTokenDocument) => ({
  id: doc._id,
  name: doc.name,
  createdAt: doc.createdAt,
  ...(doc.lastUsedAt === undefined ? {} : { lastUsedAt: doc.lastUsedAt }),
  ...(doc.expiresAt === undefined ? {} : { expiresAt: doc.expiresAt }),
});

const tokenIdOf = (token: string) => `${API_TOKEN_TYPE}:${tokenDigest(token)}`;

/** Makes a token for `user`; the raw token is in the answer only. */
export async function createApiToken(
  context: StoreContext,
  user: string,
  name: string,
  expiresAt?: string,
): Promise<{ token: string; doc: ApiTokenDocument }> {
  if (expiresAt !== undefined && Date.parse(expiresAt) <= context.now()) {
    throw new ApiError(
      400,
      'expiry_in_past',
      { en: 'expiresAt must be in the future', 'zh-CN': 'expiresAt 必须是将来的时间' },
      '/expiresAt',
    );
  }
  const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  const fields: ApiTokenFields = {
    schemaVersion: DOCUMENT_VERSION,
    user,
    name,
    createdAt: isoNow(context),
    ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
  };
  const _id = tokenIdOf(token);
  const { rev } = await context.storage.create<ApiTokenFields>({
    ...fields,
    _id,
    type: API_TOKEN_TYPE,
  });
  return { token, doc: { ...fields, _id, _rev: rev, type: API_TOKEN_TYPE } };
}

/** The token document of a presented token, when it exists and has not expired. */
export async function liveApiToken(
  context: StoreContext,
  token: string,
): Promise<ApiTokenDocument | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const doc = await readTyped<ApiTokenFields>(context.storage, tokenIdOf(token), API_TOKEN_TYPE);
  if (!doc) return undefined;
  const now = context.now();
  if (doc.expiresAt !== undefined && Date.parse(doc.expiresAt) <= now) return undefined;
  const last = doc.lastUsedAt === undefined ? 0 : Date.parse(doc.lastUsedAt);
  if (now - last >= TOUCH_EVERY_MS) {
    try {
      await context.storage.mutate<ApiTokenFields>(doc._id, (current) => ({
        ...current,
        lastUsedAt: new Date(now).toISOString(),
      }));
    } catch (error) {
      if (error instanceof NotFoundError) return undefined; // deleted meanwhile
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return doc;
}

/** A page of `user`'s tokens, oldest first. */
export async function listApiTokens(context: StoreContext, user: string, query: PageQuery) {
  const page = await readPage<ApiTokenFields>(context.storage, {
    index: INDEX.ownedByUser,
    selector: { type: API_TOKEN_TYPE, user },
    ...pageOf(query),
  });
  return { items: page.docs.map(apiTokenView), ...(page.next ? { next: page.next } : {}) };
}

/** Deletes one of `user`'s tokens; 404 when it is not theirs (or does not exist). */
export async function deleteApiToken(context: StoreContext, user: string, id: string) {
  const doc = await readTyped<ApiTokenFields>(context.storage, id, API_TOKEN_TYPE);
  if (!doc || doc.user !== user) {
    throw new ApiError(404, 'not_found', {
      en: `you have no API token "${id.slice(0, 80)}"`,
      'zh-CN': `你没有 API 令牌“${id.slice(0, 80)}”`,
    });
  }
  try {
    await context.storage.remove(doc._id, doc._rev);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // `lastUsedAt` was written meanwhile: remove the newer revision
    const current = await context.storage.get<ApiTokenFields>(doc._id);
    if (current) await context.storage.remove(current._id, current._rev);
  }
}
