/**
 * Unique values (usernames, department and position codes) without transactions (DESIGN
 * decision 11): before a document takes a value, a claim document with the deterministic id
 * `<kind>:<lowercase value>` is created holding the owner's id. Creating a document id succeeds
 * once, so of racing owners exactly one wins; the others are told the value is taken.
 *
 * A claim can outlive its reason (a crash between the claim and the owner's write, or between a
 * rename and the release of the old value). So a claim counts only while `holds(owner)` says the
 * owner still has the value, or while it is younger than `CLAIM_GRACE_MS` (its owner may still be
 * being written); a stale claim is taken over by compare-and-swap.
 */
import { ConflictError } from '@tessera/runtime';
import { isoNow, type StoreContext } from './store-context.ts';
import { DOCUMENT_VERSION } from './typed-document.ts';

export const CLAIM_TYPE = 'claim';
/** How long a claim whose owner does not (yet) hold the value is still respected. */
export const CLAIM_GRACE_MS = 60_000;

interface ClaimFields {
  readonly schemaVersion: number;
  readonly kind: string;
  readonly value: string;
  readonly owner: string;
  readonly claimedAt: string;
}

/** The claim id of a value: case-insensitive (NFKC, lower case). */
export const claimIdOf = (kind: string, value: string): string =>
  `${kind}:${value.normalize('NFKC').toLowerCase()}`;

/** Whether `owner` still holds the value (reads the owner document). */
export type HoldsValue = (owner: string) => Promise<boolean>;

/**
 * Claims `value` for `owner`: true when it is now `owner`'s (or already was), false when
 * someone else holds it.
 */
export async function claimValue(
  context: StoreContext,
  kind: string,
  value: string,
  owner: string,
  holds: HoldsValue,
): Promise<boolean> {
  const id = claimIdOf(kind, value);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await context.storage.create<ClaimFields>({
        _id: id,
        type: CLAIM_TYPE,
        schemaVersion: DOCUMENT_VERSION,
        kind,
        value,
        owner,
        claimedAt: isoNow(context),
      });
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const claim = await context.storage.get<ClaimFields>(id);
    if (!claim) continue; // released in between: try again
    if (claim.owner === owner) return true;
    if (!(await isStale(context, claim, holds))) return false;
    const taken = await context.storage.mutate<ClaimFields>(id, (current) =>
      current.owner === claim.owner && current.claimedAt === claim.claimedAt
        ? { ...current, value, owner, claimedAt: isoNow(context) }
        : undefined,
    );
    if (taken) return true;
  }
  return false;
}

/** The owner a value is claimed by, when the claim is live. */
export async function claimOwner(
  context: StoreContext,
  kind: string,
  value: string,
  holds: HoldsValue,
): Promise<string | undefined> {
  const claim = await context.storage.get<ClaimFields>(claimIdOf(kind, value));
  if (!claim || claim.type !== CLAIM_TYPE) return undefined;
  return (await holds(claim.owner)) ? claim.owner : undefined;
}

/** Releases `owner`'s claim on `value` (after a rename or delete); a no-op when not theirs. */
export async function releaseValue(
  context: StoreContext,
  kind: string,
  value: string,
  owner: string,
): Promise<void> {
  const id = claimIdOf(kind, value);
  const claim = await context.storage.get<ClaimFields>(id);
  if (!claim || claim.owner !== owner) return;
  try {
    await context.storage.remove(id, claim._rev);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // taken over meanwhile: not ours
  }
}

async function isStale(
  context: StoreContext,
  claim: ClaimFields,
  holds: HoldsValue,
): Promise<boolean> {
  if (context.now() - Date.parse(claim.claimedAt) < CLAIM_GRACE_MS) return false;
  return !(await holds(claim.owner));
}
