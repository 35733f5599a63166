import type { RecordValues } from '../records/record-document.ts';
import type { ViewField } from './view-field.ts';

/**
 * The values a view field has in one record: one for a field of the table, one per row for a
 * sub-table column (`items.product`).
 */
export function cellsAt(values: RecordValues, target: ViewField): unknown[] {
  if (target.parent === undefined) return [values[target.field.id]];
  const rows = values[target.parent];
  if (!Array.isArray(rows)) return [];
  return rows.map((row) =>
    row !== null && typeof row === 'object'
      ? (row as Record<string, unknown>)[target.field.id]
      : undefined,
  );
}
