import { type FindQuery, maxPageSize, type Selector } from '@tessera/runtime';
import type { RecordDocument, RecordFields } from '../records/record-document.ts';
import { readPage } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { viewTooLarge } from './view-errors.ts';

/** The most records one view request reads (rows, summary or export). */
export const MAX_VIEW_RECORDS = 20_000;

/**
 * Every record of the scoped query that also meets `parts` and `keep`, read page by page
 * (the database's own cursor, so none is missed or read twice); past `max` it is a 400 asking
 * for a narrower filter rather than an unbounded read.
 */
export async function scanRecords(
  storage: StoreContext['storage'],
  query: Pick<FindQuery, 'index' | 'selector' | 'sort'>,
  parts: readonly Selector[],
  keep: (doc: RecordDocument) => boolean,
  max = MAX_VIEW_RECORDS,
): Promise<RecordDocument[]> {
  const selector = withParts(query.selector, parts);
  const kept: RecordDocument[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await readPage<RecordFields>(storage, {
      ...query,
      selector,
      limit: maxPageSize,
      ...(cursor === undefined ? {} : { cursor }),
    });
    read += page.docs.length;
    for (const doc of page.docs) if (keep(doc)) kept.push(doc);
    if (kept.length > max || read > max * 5) throw viewTooLarge(max);
    cursor = page.next;
  } while (cursor !== undefined);
  return kept;
}

/**
 * The parts merged into the selector's own keys (pouchdb-find fails on an `$and` nested in the
 * one it builds itself). Two conditions with the same operator on one field keep the first: a
 * wider query is safe, as the in-memory check decides.
 */
function withParts(selector: Selector, parts: readonly Selector[]): Selector {
  const merged: Record<string, unknown> = { ...selector };
  for (const part of parts) {
    for (const [key, condition] of Object.entries(part)) {
      const known = merged[key];
      merged[key] =
        known !== null &&
        typeof known === 'object' &&
        condition !== null &&
        typeof condition === 'object'
          ? { ...(condition as object), ...(known as object) }
          : (known ?? condition);
    }
  }
  return merged;
}
