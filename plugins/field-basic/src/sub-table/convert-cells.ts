import type { FieldDefinition, FieldTypeDefinition } from '@tessera/core';
import { scalarFieldTypes } from '../scalar-field-types.ts';
import { isRecord } from '../shared/guards.ts';
import { typedColumn } from './columns.ts';

/**
 * Column types for the CEL conversions, which get no context (toCel/fromCel have no
 * `fieldType()`): this plugin's own scalar types. Cells of other plugins' types pass as JSON.
 */
const OWN_TYPES: ReadonlyMap<string, FieldTypeDefinition> = new Map(
  scalarFieldTypes.map((type) => [type.type, type]),
);

type Convert = (type: FieldTypeDefinition, column: FieldDefinition, cell: unknown) => unknown;

/** Applies `convert` to every non-empty cell of every row whose column type is known. */
export function convertCells(
  value: unknown,
  columns: readonly FieldDefinition[],
  convert: Convert,
): unknown {
  if (!Array.isArray(value)) return value;
  const byId = new Map(columns.map((column) => [column.id, column]));
  return value.map((row) => {
    if (!isRecord(row)) return row;
    const out: Record<string, unknown> = {};
    for (const [key, cell] of Object.entries(row)) {
      const column = byId.get(key);
      const type = column && OWN_TYPES.get(column.type);
      out[key] =
        column && type && cell !== undefined && cell !== null ? convert(type, column, cell) : cell;
    }
    return out;
  });
}

export const cellsToCel = (value: unknown, columns: readonly FieldDefinition[]) =>
  convertCells(value, columns, (type, column, cell) => type.toCel(cell, typedColumn(column)));

export const cellsFromCel = (value: unknown, columns: readonly FieldDefinition[]) =>
  convertCells(value, columns, (type, column, cell) => type.fromCel(cell, typedColumn(column)));
