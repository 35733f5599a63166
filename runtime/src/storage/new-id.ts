import { monotonicFactory } from 'ulidx';

const ulid = monotonicFactory();

/**
 * A new document id, `${type}:${ulid}`. Ids of one type sort by creation time; ids made in the
 * same millisecond by this process still increase (monotonic ULIDs), so `_all_docs` order and an
 * `_id` tie-breaker follow creation order.
 */
export function newId(type: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(type)) {
    throw new TypeError(
      `document type "${type}" must start with a letter and hold only letters, digits, "_" and "-"`,
    );
  }
  return `${type}:${ulid()}`;
}
