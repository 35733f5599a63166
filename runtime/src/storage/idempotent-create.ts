/**
 * Idempotent create without multi-document transactions (DESIGN decision 11).
 *
 * A create with an idempotency key takes three single-document writes:
 *   1. claim — `idem:<hex sha256 of key>` is created holding the target id, generated up front. Only
 *      one caller can create it; every other caller with the key reads the claim instead.
 *   2. target — the document is written under the claimed id, without a `_rev`, so at most one
 *      write of it can ever succeed.
 *   3. complete — the claim records the revision of the target's first write (compare-and-swap).
 * A completed claim answers every later call with the same `{ id, rev }`. Anyone finding a claim
 * not yet completed (a racing caller, or a retry after a crash between the steps) rolls it
 * forward: writes the target if it never existed, else reads the first revision from the
 * target's revision history (deleted targets included, so a retry never resurrects a document),
 * and completes the claim. Whatever crash point, the target is written at most once and all
 * callers return what the claim records.
 *
 * With an explicit `_id` the id may already be taken by a document not made under this key: that
 * is refused with ConflictError before claiming; a foreign create racing into the gap between that
 * check and the target write is indistinguishable from a racing retry and is reported as created.
 */
import { newId } from './new-id.ts';
import { isPouchDocument, type PouchDatabase } from './pouch-database.ts';
import { isConflict, isNotFound, toStorageError } from './pouch-errors.ts';
import {
  ConflictError,
  type CreateResult,
  type NewDocument,
  StorageError,
} from './storage-port.ts';

export const claimType = 'idempotency-key';
const maxRounds = 20;

interface Claim {
  readonly _id: string;
  readonly _rev: string;
  readonly target: string;
  readonly createdAt: string;
  readonly rev?: string;
}

/** The id of the claim document of an idempotency key: `idem:` + hex SHA-256 of the key. */
export async function claimId(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
  return `idem:${hex.join('')}`;
}

export async function createOnce<T>(
  db: PouchDatabase,
  doc: NewDocument<T>,
  key: string,
): Promise<CreateResult> {
  if (typeof key !== 'string' || key === '') {
    throw new StorageError('an idempotency key must be a non-empty string', 400);
  }
  const id = await claimId(key);
  for (let round = 0; round < maxRounds; round++) {
    let claim = await readClaim(db, id);
    let fresh = false;
    if (!claim) {
      claim = await writeClaim(db, id, doc);
      if (!claim) continue; // another caller claimed the key first: read theirs
      fresh = true;
    }
    if (claim.rev !== undefined) return { id: claim.target, rev: claim.rev, replayed: true };
    const { rev, earlier } = await writeTarget(db, claim.target, doc, fresh);
    try {
      await db.put({ ...claim, type: claimType, rev });
      // a claim left by a crash before its target was written is written now: not a replay
      return earlier ? { id: claim.target, rev, replayed: true } : { id: claim.target, rev };
    } catch (error) {
      if (!isConflict(error)) throw toStorageError(error, 'complete idempotency claim', id);
    }
  }
  throw new ConflictError(id);
}

async function readClaim(db: PouchDatabase, id: string): Promise<Claim | undefined> {
  try {
    const found = await db.get(id);
    if (!isPouchDocument(found) || typeof found.target !== 'string') {
      throw new StorageError(`"${id}" is not an idempotency claim`);
    }
    const rev = typeof found.rev === 'string' ? found.rev : undefined;
    const createdAt = typeof found.createdAt === 'string' ? found.createdAt : '';
    const claim = { _id: found._id, _rev: found._rev, target: found.target, createdAt };
    return rev === undefined ? claim : { ...claim, rev };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toStorageError(error, 'read idempotency claim', id);
  }
}

async function writeClaim<T>(db: PouchDatabase, id: string, doc: NewDocument<T>) {
  const target = doc._id ?? newId(doc.type);
  if (doc._id !== undefined && (await firstRevision(db, target, false)) !== undefined) {
    throw new ConflictError(target);
  }
  const createdAt = new Date().toISOString();
  try {
    const written = await db.put({ _id: id, type: claimType, target, createdAt });
    return { _id: id, _rev: written.rev, target, createdAt };
  } catch (error) {
    if (isConflict(error)) return undefined;
    throw toStorageError(error, 'claim idempotency key', id);
  }
}

/**
 * Writes the target unless it was ever written; returns the revision of its first write and
 * whether an earlier call (or a racing one) wrote it.
 */
async function writeTarget<T>(
  db: PouchDatabase,
  id: string,
  doc: NewDocument<T>,
  fresh: boolean,
): Promise<{ rev: string; earlier: boolean }> {
  if (!fresh) {
    const first = await firstRevision(db, id, true);
    if (first !== undefined) return { rev: first, earlier: true };
  }
  const { _rev: _ignored, ...body } = doc as NewDocument<T> & { _rev?: string };
  try {
    return { rev: (await db.put({ ...body, _id: id })).rev, earlier: false };
  } catch (error) {
    if (!isConflict(error)) throw toStorageError(error, 'create', id);
  }
  const first = await firstRevision(db, id, true);
  if (first === undefined) throw new StorageError(`create "${id}" conflicted, yet it is missing`);
  return { rev: first, earlier: true };
}

/**
 * The revision of a document's first write, read from the revision history of its leaves
 * (`deleted` includes deleted leaves). If more than `revs_limit` updates happened before the
 * claim was completed, the oldest remembered revision stands in for it, consistently.
 */
async function firstRevision(db: PouchDatabase, id: string, deleted: boolean) {
  let leaves: unknown;
  try {
    leaves = deleted ? await db.get(id, { revs: true, open_revs: 'all' }) : [await db.get(id)];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toStorageError(error, 'read', id);
  }
  let oldest: { pos: number; rev: string } | undefined;
  for (const leaf of Array.isArray(leaves) ? leaves : []) {
    const doc: unknown = deleted ? (leaf as { ok?: unknown }).ok : leaf;
    if (!isPouchDocument(doc)) continue;
    const history = doc._revisions as { start?: unknown; ids?: unknown } | undefined;
    if (!history || typeof history.start !== 'number' || !Array.isArray(history.ids)) {
      return doc._rev;
    }
    const pos = history.start - history.ids.length + 1;
    const hash: unknown = history.ids.at(-1);
    if (typeof hash === 'string' && (!oldest || pos < oldest.pos)) {
      oldest = { pos, rev: `${pos}-${hash}` };
    }
  }
  return oldest?.rev;
}
