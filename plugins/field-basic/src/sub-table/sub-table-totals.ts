import { Decimal, type FieldDefinition } from '@tessera/core';
import { DECIMAL_TEXT } from '../shared/decimal-text.ts';
import { isBlank, isRecord } from '../shared/guards.ts';
import type { SubTableSettings, TotalFn } from './sub-table-config.ts';

export interface SubTableTotal {
  readonly field: string;
  readonly fn: TotalFn;
  /** Decimal text for money/percent columns, a number otherwise; null for avg/min/max of no values. */
  readonly value: string | number | null;
}

/** Column types of this plugin whose values are decimal text (totals stay exact text too). */
const DECIMAL_TEXT_TYPES = new Set(['money', 'percent']);

function holdsDecimalText(column: FieldDefinition | undefined): boolean {
  if (!column) return false;
  if (column.type === 'computed') return column.config?.resultType === 'money';
  return DECIMAL_TEXT_TYPES.has(column.type);
}

/**
 * Enough significant digits for 10,000 rows of 15-digit amounts with cents: decimal.js rounds
 * results to 20 digits by default, which would lose cents on large totals.
 */
const Exact = Decimal.clone({ precision: 40 });

function asDecimal(cell: unknown): Decimal | undefined {
  if (typeof cell === 'number' && Number.isFinite(cell)) return new Exact(cell);
  if (typeof cell === 'string' && DECIMAL_TEXT.test(cell)) return new Exact(cell);
  return undefined;
}

const AGGREGATES: Record<Exclude<TotalFn, 'count'>, (values: Decimal[]) => Decimal | undefined> = {
  sum: (values) => values.reduce((total, value) => total.plus(value), new Exact(0)),
  avg: (values) =>
    values.length === 0
      ? undefined
      : values.reduce((total, value) => total.plus(value), new Exact(0)).dividedBy(values.length),
  min: (values) => (values.length === 0 ? undefined : Exact.min(...values)),
  max: (values) => (values.length === 0 ? undefined : Exact.max(...values)),
};

/**
 * The totals a sub-table's config asks for, computed exactly with decimals: money and percent
 * columns give decimal text fixed to the column's scale (half up), number columns give numbers.
 * Cells that are empty or not numbers are left out (validation names them).
 */
export function subTableTotals(
  rows: unknown,
  config: Pick<SubTableSettings, 'fields' | 'totals'>,
): SubTableTotal[] {
  const records = Array.isArray(rows) ? rows.filter(isRecord) : [];
  return (config.totals ?? []).map(({ field, fn }) => {
    const cells = records.map((row) => row[field]);
    if (fn === 'count') return { field, fn, value: cells.filter((cell) => !isBlank(cell)).length };
    const column = config.fields.find((one) => one.id === field);
    const values = cells.map(asDecimal).filter((value): value is Decimal => value !== undefined);
    const result = AGGREGATES[fn](values);
    if (result === undefined) return { field, fn, value: null };
    if (!holdsDecimalText(column)) return { field, fn, value: result.toNumber() };
    const scale = typeof column?.config?.scale === 'number' ? column.config.scale : 2;
    return { field, fn, value: result.toFixed(scale, Decimal.ROUND_HALF_UP) };
  });
}
