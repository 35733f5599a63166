import type { RecordDocument } from '../records/record-document.ts';
import { cellsAt } from './cells-at.ts';
import type { ViewField } from './view-field.ts';

export interface SortKey {
  readonly target: ViewField;
  readonly direction: 'asc' | 'desc';
}

/** Where a record stands in a view's order: its sort values, then newest first, then id. */
export interface RowPosition {
  readonly keys: readonly unknown[];
  readonly createdAt: string;
  readonly id: string;
}

export function positionOf(doc: RecordDocument, sorts: readonly SortKey[]): RowPosition {
  return {
    keys: sorts.map(({ target }) => cellsAt(doc.values, target)[0] ?? null),
    createdAt: doc.createdAt,
    id: doc._id,
  };
}

const empty = (key: SortKey, value: unknown) =>
  value === undefined || value === null || key.target.type.form.isEmpty(value);

/**
 * The order of a view: each sort by its field type's `compare` (empty values last either way),
 * then newest first, then by id, so every record has one place and pages never overlap.
 */
export function comparePositions(sorts: readonly SortKey[]) {
  return (a: RowPosition, b: RowPosition): number => {
    for (const [at, key] of sorts.entries()) {
      const x = a.keys[at];
      const y = b.keys[at];
      const ex = empty(key, x);
      const ey = empty(key, y);
      if (ex || ey) {
        if (ex !== ey) return ex ? 1 : -1;
        continue;
      }
      let order = 0;
      try {
        order = key.target.type.compare(x, y, key.target.field as never);
      } catch {
        order = 0;
      }
      if (Number.isNaN(order)) order = 0;
      if (order !== 0) return key.direction === 'asc' ? Math.sign(order) : -Math.sign(order);
    }
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
    return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
  };
}
