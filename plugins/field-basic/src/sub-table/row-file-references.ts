import { type FieldOf, type FileReference, pointer, type ValueContext } from '@tessera/core';
import { isRecord } from '../shared/guards.ts';
import { typedColumn } from './columns.ts';
import type { SubTableSettings } from './sub-table-config.ts';

/** The files the rows' cells refer to, by their columns' own types: `lines.scan` at `/0/scan/0`. */
export function rowFileReferences(
  value: unknown,
  field: FieldOf<SubTableSettings>,
  ctx: ValueContext,
): FileReference[] {
  if (!Array.isArray(value)) return [];
  const found: FileReference[] = [];
  for (const column of field.config.fields) {
    const files = ctx.fieldType(column.type)?.files;
    if (!files) continue;
    for (const [index, row] of value.entries()) {
      const cell = isRecord(row) ? row[column.id] : undefined;
      if (cell === undefined || cell === null) continue;
      for (const ref of files.references(cell, typedColumn(column) as never, ctx)) {
        found.push({
          path: pointer('', index, column.id) + ref.path,
          id: ref.id,
          field: `${field.id}.${ref.field}`,
        });
      }
    }
  }
  return found;
}
