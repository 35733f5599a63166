import type { ExpressionEnvironment } from '@tessera/core';
import { Decimal, type FieldDefinition, type Locale } from '@tessera/core';
import { celTypeIn, type FieldTypes, typed } from './form-tables.ts';
import type { RowTotal } from './form-types.ts';

type Fn = RowTotal['fn'];
const NUMERIC = new Set(['int', 'uint', 'double', 'decimal']);
/** Enough digits for 10,000 rows of 15-digit amounts with cents (decimal.js defaults to 20). */
const Exact = Decimal.clone({ precision: 40 });

const AGGREGATES: Record<Exclude<Fn, 'count'>, (values: Decimal[]) => Decimal | undefined> = {
  sum: (values) => values.reduce((total, one) => total.plus(one), new Exact(0)),
  avg: (values) =>
    values.length === 0 ? undefined : AGGREGATES.sum(values)?.dividedBy(values.length),
  min: (values) => (values.length === 0 ? undefined : Exact.min(...values)),
  max: (values) => (values.length === 0 ? undefined : Exact.max(...values)),
};

/** A cell as an exact decimal through its column type's own CEL conversion. */
function asDecimal(cell: unknown, column: FieldDefinition, fieldType: FieldTypes) {
  if (cell === undefined || cell === null || cell === '') return undefined;
  const cel = fieldType(column.type)?.toCel(cell, typed(column));
  if (cel instanceof Decimal || typeof cel === 'bigint') return new Exact(cel.toString());
  if (typeof cel === 'number' && Number.isFinite(cel)) return new Exact(cel);
  return undefined;
}

/** A decimal result back into the CEL type of the column, then stored JSON via `fromCel`. */
function toStored(
  result: Decimal,
  celType: string,
  column: FieldDefinition,
  fieldType: FieldTypes,
) {
  const cel =
    celType === 'decimal'
      ? result
      : celType === 'double' || !result.isInteger()
        ? result.toNumber()
        : BigInt(result.toFixed(0));
  return fieldType(column.type)?.fromCel(cel, typed(column)) ?? result.toNumber();
}

/**
 * The totals under a sub-table: those its config lists (`totals: [{ field, fn }]`), or a sum of
 * every numeric column when it lists none. Exact decimals throughout; values come back through
 * each column type's `fromCel` (money stays decimal text at its scale) and `format`.
 */
export function rowTotals(
  rows: unknown,
  columns: readonly FieldDefinition[],
  asked: readonly { field: string; fn: Fn }[] | undefined,
  rowEnv: ExpressionEnvironment,
  fieldType: FieldTypes,
  locale: Locale,
): RowTotal[] {
  const list = Array.isArray(rows) ? rows.filter((row) => row && typeof row === 'object') : [];
  const wanted =
    asked ??
    columns
      .filter((column) => NUMERIC.has(celTypeIn(rowEnv, column.id)))
      .map((column) => ({ field: column.id, fn: 'sum' as Fn }));
  const out: RowTotal[] = [];
  for (const { field, fn } of wanted) {
    const column = columns.find((one) => one.id === field);
    if (!column) continue;
    const cells = list.map((row) => (row as Record<string, unknown>)[field]);
    if (fn === 'count') {
      const count = cells.filter(
        (cell) => cell !== undefined && cell !== null && cell !== '',
      ).length;
      out.push({ column: field, fn, value: count, text: String(count) });
      continue;
    }
    const values = cells
      .map((cell) => asDecimal(cell, column, fieldType))
      .filter((value): value is Decimal => value !== undefined);
    const result = AGGREGATES[fn](values);
    const value =
      result === undefined ? null : toStored(result, celTypeIn(rowEnv, field), column, fieldType);
    const text =
      value === null
        ? ''
        : (fieldType(column.type)?.form.format(value, typed(column), locale) ?? '');
    out.push({ column: field, fn, value, text });
  }
  return out;
}
