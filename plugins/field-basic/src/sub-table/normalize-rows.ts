import type { FieldDefinition, ValueContext } from '@tessera/core';
import { typedColumn } from './columns.ts';

const isRow = (row: unknown): row is Record<string, unknown> =>
  row !== null && typeof row === 'object' && !Array.isArray(row);

/** Each row's cells normalised by their column's type (rich text in a row is sanitised too). */
export function normalizeRows(
  value: unknown,
  columns: readonly FieldDefinition[],
  ctx: ValueContext,
): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((row: unknown) => {
    if (!isRow(row)) return row;
    const copy = { ...row };
    for (const column of columns) {
      const normalize = ctx.fieldType(column.type)?.normalize;
      const cell = copy[column.id];
      if (normalize && cell !== undefined && cell !== null) {
        copy[column.id] = normalize(cell, typedColumn(column) as never, ctx);
      }
    }
    return copy;
  });
}
