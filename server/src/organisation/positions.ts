import { newId } from '@tessera/runtime';
import { USER_TYPE, type UserFields } from '../accounts/user-document.ts';
import { ApiError } from '../http/api-error.ts';
import { type PageQuery, pageOf, readPage } from '../storage/read-page.ts';
import { assertRevision, type RevisionLabel } from '../storage/stale-revision.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { DOCUMENT_VERSION } from '../storage/typed-document.ts';
import { type CodeKind, claimCode, releaseCode } from './code-claim.ts';
import {
  POSITION_TYPE,
  type PositionDocument,
  type PositionFields,
  positionView,
  readPosition,
} from './position-document.ts';

export const POSITION_CODES: CodeKind = {
  claim: 'position-code',
  label: { en: 'position', zh: '职位' },
  codeOf: async (context, owner) => (await readPosition(context.storage, owner))?.code,
};

const POSITION_LABEL: RevisionLabel = { en: 'position', zh: '职位' };

export const positionNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no position "${id.slice(0, 80)}"`,
    'zh-CN': `职位“${id.slice(0, 80)}”不存在`,
  });

export async function listPositions(context: StoreContext, query: PageQuery) {
  const page = await readPage<PositionFields>(context.storage, {
    index: INDEX.byTypeName,
    selector: { type: POSITION_TYPE },
    ...pageOf(query),
  });
  return { items: page.docs.map(positionView), ...(page.next ? { next: page.next } : {}) };
}

export async function createPosition(
  context: StoreContext,
  input: { readonly name: string; readonly code?: string },
): Promise<PositionDocument> {
  const id = newId(POSITION_TYPE);
  if (input.code !== undefined) await claimCode(context, POSITION_CODES, input.code, id);
  const at = isoNow(context);
  const fields: PositionFields = {
    schemaVersion: DOCUMENT_VERSION,
    name: input.name.trim(),
    ...(input.code === undefined ? {} : { code: input.code }),
    createdAt: at,
    updatedAt: at,
  };
  try {
    const { rev } = await context.storage.create<PositionFields>({
      ...fields,
      _id: id,
      type: POSITION_TYPE,
    });
    return { ...fields, _id: id, _rev: rev, type: POSITION_TYPE };
  } catch (error) {
    if (input.code !== undefined) await releaseCode(context, POSITION_CODES, input.code, id);
    throw error;
  }
}

/**
 * Renames or re-codes a position (`code: null` removes the code), only if it still has the
 * revision `rev` the client read: checked inside the compare-and-swap (so across servers too),
 * else 409 `conflict` naming `/_rev` and nothing is written.
 */
export async function updatePosition(
  context: StoreContext,
  id: string,
  patch: { readonly name?: string; readonly code?: string | null },
  rev: string,
): Promise<PositionDocument> {
  const before = await readPosition(context.storage, id);
  if (!before) throw positionNotFound(id);
  assertRevision(before, rev, POSITION_LABEL);
  const newCode =
    typeof patch.code === 'string' && patch.code.toLowerCase() !== before.code?.toLowerCase()
      ? patch.code
      : undefined;
  if (newCode !== undefined) await claimCode(context, POSITION_CODES, newCode, id);
  try {
    await context.storage.mutate<PositionFields>(id, (doc) => {
      assertRevision(doc, rev, POSITION_LABEL);
      const next: Record<string, unknown> = { ...doc, updatedAt: isoNow(context) };
      if (patch.name !== undefined) next.name = patch.name.trim();
      if (patch.code === null) delete next.code;
      else if (patch.code !== undefined) next.code = patch.code;
      return next as unknown as PositionDocument;
    });
  } catch (error) {
    if (newCode !== undefined) await releaseCode(context, POSITION_CODES, newCode, id);
    throw error;
  }
  if (before.code !== undefined && (newCode !== undefined || patch.code === null)) {
    await releaseCode(context, POSITION_CODES, before.code, id);
  }
  const updated = await readPosition(context.storage, id);
  if (!updated) throw positionNotFound(id);
  return updated;
}

/** Deletes a position nobody holds (409 `position_in_use` naming a holder otherwise). */
export async function deletePosition(context: StoreContext, id: string): Promise<void> {
  const position = await readPosition(context.storage, id);
  if (!position) throw positionNotFound(id);
  const holders = await context.storage.find<UserFields>({
    index: INDEX.usersByPosition,
    selector: { type: USER_TYPE, position: id },
    limit: 1,
  });
  const holder = holders.docs[0];
  if (holder) {
    throw new ApiError(409, 'position_in_use', {
      en: `"${position.name}" is held by users (such as "${holder.username}"): change their position first`,
      'zh-CN': `“${position.name}”仍有用户担任（如“${holder.username}”）：请先修改他们的职位`,
    });
  }
  await context.storage.remove(position._id, position._rev);
  if (position.code !== undefined) await releaseCode(context, POSITION_CODES, position.code, id);
}
