/**
 * How a page is read. Rows are ordered by every index field, then by `_id` (CouchDB and PouchDB
 * order rows with equal keys by document id), all in one direction. The cursor holds the sort
 * values v1…vk and the id of the last row returned; the rows after it are read as a few range
 * queries, innermost group first (ascending shown; descending swaps ≥ for ≤):
 *
 *   f1 = v1 … fk-1 = vk-1, fk ≥ vk   less the rows equal to the cursor on f1…fk up to its _id
 *   f1 = v1 … fk-2 = vk-2, fk-1 ≥ vk-1   less the rows equal to it on f1…fk-1 (read above)
 *   …
 *   f1 ≥ v1                          less the rows equal to it on f1
 *
 * Each is an index range the database stops reading at the limit, so a page usually costs one
 * query; the next is sent only when a group ends inside the page. Together they hold every row
 * after the cursor exactly once, in order, however many rows share a sort value (rows tied with
 * the cursor are read again from the start of their group and dropped here: a page costs the
 * ties before it plus its own rows). Outer groups pinned by an equality of the caller's selector
 * are empty and skipped.
 *
 * Why ≥ and a drop instead of >: pouchdb-find (embedded, and inside pouchdb-server) applies the
 * limit before it removes the rows equal to an exclusive start key, so `{ n: { $gt: v } }` with
 * `limit` rows tied at v returns nothing (apache/pouchdb#6263, wontfix). The caller's own
 * exclusive bound on the leading range field is rewritten the same way.
 */
import { type Cursor, type Order, sameJson, valueAt } from './find-cursor.ts';
import type { Selector } from './storage-port.ts';

type Row = Readonly<Record<string, unknown>>;

export interface Phase {
  /** Conditions added to the caller's selector (all must hold). */
  readonly parts: readonly Selector[];
  /** Rows the query returns that do not belong to the page. */
  readonly drop: (row: Row) => boolean;
  /** How many dropped rows to expect at least (the cursor's own row): asked for on top. */
  readonly slack: number;
}

function isPinned(selector: Selector, field: string): boolean {
  const condition = selector[field];
  if (typeof condition !== 'object' || condition === null) return condition !== undefined;
  const operators = Object.keys(condition);
  return operators.length === 1 && operators[0] === '$eq';
}

/** Rewrites `$gt` (ascending) or `$lt` (descending) on the leading range field as inclusive. */
function inclusiveStart(selector: Selector, order: Order): Phase {
  const field = order.fields.find((each) => !isPinned(selector, each));
  const condition = field === undefined ? undefined : selector[field];
  const exclusive = order.direction === 'asc' ? '$gt' : '$lt';
  const inclusive = order.direction === 'asc' ? '$gte' : '$lte';
  if (field === undefined || typeof condition !== 'object' || condition === null) {
    return { parts: [selector], drop: () => false, slack: 0 };
  }
  const operators = condition as Record<string, unknown>;
  if (!(exclusive in operators) || inclusive in operators)
    return { parts: [selector], drop: () => false, slack: 0 };
  const { [exclusive]: bound, ...rest } = operators;
  const rewritten = { ...selector, [field]: { ...rest, [inclusive]: bound } };
  return {
    parts: [rewritten],
    drop: (row) => sameJson(valueAt(row, field), bound),
    slack: 0,
  };
}

/** The queries that read a page: one without a cursor, one per group level after one. */
export function planPhases(selector: Selector, order: Order, cursor?: Cursor): Phase[] {
  const start = inclusiveStart(selector, order);
  if (!cursor) return [start];
  const { fields, direction } = order;
  const inclusive = direction === 'asc' ? '$gte' : '$lte';
  const same = (count: number) => (row: Row) =>
    fields.slice(0, count).every((field, at) => sameJson(valueAt(row, field), cursor.values[at]));
  // Document ids compare as the databases order them within a key: by code point.
  const notAfter = (row: Row) =>
    direction === 'asc' ? String(row._id) <= cursor.id : String(row._id) >= cursor.id;
  const phases: Phase[] = [];
  for (let at = fields.length - 1; at >= 0; at--) {
    const field = fields[at] as string;
    const innermost = at === fields.length - 1;
    if (!innermost && isPinned(selector, field)) continue;
    const equal = fields.slice(0, at).map((each, i) => ({ [each]: { $eq: cursor.values[i] } }));
    const group = same(at + 1);
    const seen = innermost ? (row: Row) => group(row) && notAfter(row) : group;
    phases.push({
      parts: [...start.parts, ...equal, { [field]: { [inclusive]: cursor.values[at] } }],
      drop: (row) => start.drop(row) || seen(row),
      slack: innermost ? 1 : 0,
    });
  }
  return phases;
}
