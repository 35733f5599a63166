/** Sort order and cursors of `find`: see find-plan.ts for how a page after a cursor is read. */
import { type FindQuery, MissingIndexError, StorageError } from './storage-port.ts';

export type Direction = 'asc' | 'desc';

export interface Order {
  readonly fields: readonly string[];
  readonly direction: Direction;
}

export interface Cursor {
  readonly values: readonly unknown[];
  readonly id: string;
}

/** The caller's sort must be a prefix of the index fields; it is completed to all of them. */
export function resolveOrder(query: FindQuery, indexFields: readonly string[]): Order {
  const sort = (query.sort ?? []).map((entry) => {
    if (typeof entry === 'string') return { field: entry, direction: 'asc' as Direction };
    const [field, direction] = Object.entries(entry)[0] ?? [];
    if (field === undefined || (direction !== 'asc' && direction !== 'desc')) {
      throw new StorageError(
        `sort entry ${JSON.stringify(entry)} must be "field" or { field: "asc" | "desc" }`,
        400,
      );
    }
    return { field, direction };
  });
  const direction = sort[0]?.direction ?? 'asc';
  if (sort.some((entry) => entry.direction !== direction)) {
    throw new StorageError(
      'all sort fields must go in one direction (a Mango index is read one way)',
      400,
    );
  }
  sort.forEach((entry, position) => {
    if (indexFields[position] !== entry.field) {
      const wanted = sort.map((each) => each.field).join(', ');
      throw new MissingIndexError(
        query.index,
        query.selector,
        `sort [${wanted}] is not a prefix of its fields [${indexFields.join(', ')}]`,
      );
    }
  });
  return { fields: indexFields, direction };
}

export function valueAt(doc: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value === undefined ? null : value;
}

export function encodeCursor(
  index: string,
  order: Order,
  doc: Readonly<Record<string, unknown>>,
): string {
  const values = order.fields.map((field) => valueAt(doc, field));
  const body = JSON.stringify({ i: index, d: order.direction, v: values, id: doc._id });
  return toBase64Url(body);
}

export function decodeCursor(cursor: string, index: string, order: Order): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    parsed = undefined;
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const { i, d, v, id } = fields;
  if (
    i !== index ||
    d !== order.direction ||
    !Array.isArray(v) ||
    v.length !== order.fields.length ||
    typeof id !== 'string'
  ) {
    throw new StorageError(
      'the cursor is not one this query returned (index, sort or format differ)',
      400,
    );
  }
  return { values: v, id };
}

// base64url without Buffer, so this module also loads in a browser.
function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const binary = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Equality of two JSON values (key order of objects aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}
