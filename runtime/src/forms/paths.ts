import { pointer } from '@tessera/core';

/**
 * Form paths are dotted (`amount`, `lines.2.price`, `lines.price` for a column); issues use
 * JSON pointers (`/lines/2/price`). These helpers convert between the two.
 */
export const toPointer = (path: string): string => pointer('', ...path.split('.'));

/** The column path (`lines.price`) of a cell path (`lines.2.price`); the path itself otherwise. */
export function columnPath(path: string): string {
  const parts = path.split('.');
  return parts.length === 3 ? `${parts[0]}.${parts[2]}` : path;
}

/** Whether an issue at `issuePath` belongs to the field or cell at `path`. */
export function isUnder(issuePath: string, path: string): boolean {
  const base = toPointer(path);
  return issuePath === base || issuePath.startsWith(`${base}/`);
}

/** JSON values compared by content (values are plain JSON in a form). */
export const sameJson = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

export const isEmptyValue = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value === '');
