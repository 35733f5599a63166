import { decodeCursor, encodeCursor, resolveOrder } from './find-cursor.ts';
import { type Phase, planPhases } from './find-plan.ts';
import type { PouchDatabase } from './pouch-database.ts';
import { readFailure, toStorageError } from './pouch-errors.ts';
import type { IndexCatalog } from './pouch-indexes.ts';
import type { QueryEvent } from './pouch-options.ts';
import {
  type FindQuery,
  MissingIndexError,
  type Page,
  type Selector,
  StorageError,
  type Stored,
} from './storage-port.ts';

export const defaultPageSize = 50;
export const maxPageSize = 1000;

/** pouchdb-find and CouchDB 3 answer a query their index cannot serve with these warnings. */
export function isIndexWarning(warning: string): boolean {
  return /no matching index|not used because|no (usable |valid )?index|could not use/i.test(
    warning,
  );
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw new StorageError(
      `limit must be a whole number from 1 to ${maxPageSize}, not ${limit}`,
      400,
    );
  }
  return limit;
}

function selectorFields(selector: Selector, into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(selector)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) selectorFields(part as Selector, into);
    } else into.add(key);
  }
  return into;
}

/**
 * Conditions naming every index field the selector leaves out (`$gte: null` holds for any value).
 * pouchdb-find needs them: it pushes the limit down to the index only when every index field is
 * constrained (equalities, then one range last), accepts a selector with fields outside the index
 * only if it names all of the index's fields, and fails outright on a sort of three or more
 * fields that the selector skips a middle one of. CouchDB indexes only documents that have every
 * indexed field, which `$gte: null` also requires, so both answer the same.
 */
function padding(selector: Selector, indexFields: readonly string[]): Selector[] {
  const named = selectorFields(selector);
  return indexFields
    .filter((field) => !named.has(field))
    .map((field) => ({ [field]: { $gte: null } }));
}

export interface FindContext {
  readonly db: PouchDatabase;
  readonly indexes: IndexCatalog;
  readonly onQuery: ((event: QueryEvent) => void) | undefined;
}

export async function findPage<T>(context: FindContext, query: FindQuery): Promise<Page<T>> {
  const { index, selector } = query;
  if (typeof index !== 'string' || index === '') {
    throw new StorageError('a query must name its index (FindQuery.index)', 400);
  }
  const limit = pageSize(query.limit);
  const indexFields = await context.indexes.fields(index);
  if (!indexFields) {
    throw new MissingIndexError(
      index,
      selector,
      'no such index; create it with ensureIndexes at start',
    );
  }
  const leading = indexFields[0] ?? '';
  if (!selectorFields(selector).has(leading)) {
    throw new MissingIndexError(
      index,
      selector,
      `the selector must constrain its first field "${leading}"`,
    );
  }
  const order = resolveOrder(query, indexFields);
  const cursor = query.cursor ? decodeCursor(query.cursor, index, order) : undefined;
  const covering = padding(selector, indexFields);
  const fields = query.fields && [...new Set([...query.fields, ...indexFields, '_id'])];
  const sort = order.fields.map((field) => ({ [field]: order.direction }));
  const rows: Row[] = [];
  for (const phase of planPhases(selector, order, cursor)) {
    const want = limit + 1 - rows.length; // one more than the page: is there a next page?
    if (want <= 0) break;
    const parts = [...phase.parts, ...covering];
    const request = {
      selector: parts.length === 1 ? (parts[0] as Selector) : { $and: parts },
      sort,
      limit: want,
      use_index: [index, index] as const,
      ...(fields ? { fields } : {}),
    };
    rows.push(...(await readPhase(context, query, request, phase)));
  }
  const docs = rows.slice(0, limit);
  const last = docs.at(-1);
  const next = rows.length > limit && last ? encodeCursor(index, order, last) : undefined;
  const shown = query.fields ? docs.map((doc) => pick(doc, query.fields ?? [])) : docs;
  const page = shown as unknown as Stored<T>[];
  return next === undefined ? { docs: page } : { docs: page, next };
}

/** Reads `request.limit` rows that `drop` keeps, asking for more while dropped rows crowd it. */
async function readPhase(
  context: FindContext,
  query: FindQuery,
  request: Request,
  { drop, slack }: Phase,
): Promise<Row[]> {
  const want = request.limit;
  let ask = want + slack;
  for (;;) {
    const found = await run(context, query, { ...request, limit: ask });
    const kept = found.filter((row) => !drop(row));
    if (kept.length >= want || found.length < ask) return kept.slice(0, want);
    ask = Math.max(ask * 2, want + (found.length - kept.length) * 2);
  }
}

function pick(doc: Row, fields: readonly string[]): Record<string, unknown> {
  const top = new Set(fields.map((field) => field.split('.')[0] ?? field));
  return Object.fromEntries(Object.entries(doc).filter(([key]) => top.has(key)));
}

type Request = Parameters<PouchDatabase['find']>[0];

/** A row of a `_find` answer: a document, or the fields of one that were asked for. */
type Row = Record<string, unknown> & { _id: string };

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && typeof (value as Row)._id === 'string';
}

async function run(context: FindContext, query: FindQuery, request: Request) {
  const started = performance.now();
  const sent = request.selector; // pouchdb-find replaces request.selector with its own form
  const report = (rows: number, warning?: string, error?: string) =>
    context.onQuery?.({
      index: query.index,
      selector: sent,
      rows,
      ms: performance.now() - started,
      ...(warning ? { warning } : {}),
      ...(error ? { error } : {}),
    });
  let answer: Awaited<ReturnType<PouchDatabase['find']>>;
  try {
    answer = await context.db.find(request);
  } catch (error) {
    const failure = readFailure(error);
    report(0, undefined, failure.message);
    if (/index/i.test(`${failure.name} ${failure.message}`)) {
      throw new MissingIndexError(query.index, query.selector, failure.message);
    }
    throw toStorageError(error, `find with index "${query.index}"`);
  }
  report(answer.docs.length, answer.warning);
  if (answer.warning && isIndexWarning(answer.warning)) {
    throw new MissingIndexError(query.index, query.selector, answer.warning);
  }
  return answer.docs.filter(isRow);
}
