import { celToJson, Decimal, type ViewDefinition } from '@tessera/core';
import type { RecordDocument } from '../records/record-document.ts';
import { cellsAt } from './cells-at.ts';
import type { ViewField } from './view-field.ts';

type Aggregate = NonNullable<ViewDefinition['aggregates']>[number];

/** An aggregate with its field resolved (none for a plain count). */
export interface ResolvedAggregate {
  readonly aggregate: Aggregate;
  readonly target?: ViewField;
}

/** A number or decimal as an exact decimal; undefined for anything else. */
function exact(value: unknown): Decimal | undefined {
  if (Decimal.isDecimal(value)) return value as Decimal;
  if (typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value));
  return undefined;
}

const isEmpty = (target: ViewField, cell: unknown) =>
  cell === undefined || cell === null || target.type.form.isEmpty(cell);

/** An exact result in the field's stored form: decimal text for money, a number for numbers. */
function asStored(target: ViewField, amount: Decimal): unknown {
  if (target.celType !== 'decimal') return amount.toNumber();
  try {
    const stored = celToJson(target.type.fromCel(amount, target.field as never));
    if (typeof stored === 'string') return stored;
  } catch {
    // fall through to the plain decimal text
  }
  return amount.toString();
}

/**
 * One aggregate over some records: `count` (of records, or of those with a value when it names
 * a field), `sum` and `avg` in exact decimals (money as decimal text at the field's scale, never
 * through a float), `min` and `max` by the field type's order. A sub-table column counts every
 * row. Empty values are left out; the avg, min and max of nothing are null.
 */
export function aggregateValue(
  { aggregate, target }: ResolvedAggregate,
  docs: readonly RecordDocument[],
): unknown {
  if (!target) return aggregate.fn === 'count' ? docs.length : null;
  const cells = docs.flatMap((doc) =>
    cellsAt(doc.values, target).filter((c) => !isEmpty(target, c)),
  );
  if (aggregate.fn === 'count') {
    return docs.filter((doc) => cellsAt(doc.values, target).some((c) => !isEmpty(target, c)))
      .length;
  }
  if (aggregate.fn === 'min' || aggregate.fn === 'max') {
    const sign = aggregate.fn === 'min' ? -1 : 1;
    let best: unknown = null;
    for (const cell of cells) {
      if (best === null || sign * target.type.compare(cell, best, target.field as never) > 0) {
        best = cell;
      }
    }
    return best;
  }
  const amounts = cells.flatMap((cell) => {
    const amount = exact(target.type.toCel(cell, target.field as never));
    return amount ? [amount] : [];
  });
  const sum = amounts.reduce((total, amount) => total.plus(amount), new Decimal(0));
  if (aggregate.fn === 'sum') return asStored(target, sum);
  return amounts.length === 0 ? null : asStored(target, sum.dividedBy(amounts.length));
}
