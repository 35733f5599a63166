import type { RecordValues } from '../records/record-document.ts';
import { cellsAt } from './cells-at.ts';
import type { ResolvedFilter } from './resolve-filter.ts';
import type { ViewField } from './view-field.ts';

const isEmpty = (target: ViewField, cell: unknown) =>
  cell === undefined || cell === null || target.type.form.isEmpty(cell);

const order = (target: ViewField, a: unknown, b: unknown): number => {
  try {
    return target.type.compare(a, b, target.field as never);
  } catch {
    return Number.NaN; // values a type cannot order never match a comparison
  }
};

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).toLocaleLowerCase()
    : '';

/** Whether one non-empty cell that is a single value satisfies the filter. */
function scalarMatches(filter: ResolvedFilter, cell: unknown): boolean {
  const { target, op, value } = filter;
  const cmp = (other: unknown) => order(target, cell, other);
  switch (op) {
    case 'eq':
      return cmp(value) === 0;
    case 'ne':
      return cmp(value) !== 0;
    case 'gt':
      return cmp(value) > 0;
    case 'gte':
      return cmp(value) >= 0;
    case 'lt':
      return cmp(value) < 0;
    case 'lte':
      return cmp(value) <= 0;
    case 'in':
      return (value as unknown[]).some((one) => cmp(one) === 0);
    case 'between': {
      const [low, high] = value as unknown[];
      return cmp(low) >= 0 && cmp(high) <= 0;
    }
    case 'contains':
      return text(cell).includes(text(value));
    default:
      return false;
  }
}

/** A list cell (multi-select, several users or links): compared by its items. */
function listMatches(filter: ResolvedFilter, cell: readonly unknown[]): boolean {
  const { op, value } = filter;
  const has = (one: unknown) => cell.some((item) => item === one);
  switch (op) {
    case 'eq':
      return Array.isArray(value) ? sameItems(cell, value) : has(value);
    case 'ne':
      return Array.isArray(value) ? !sameItems(cell, value) : !has(value);
    case 'contains':
      return cell.some((item) => text(item).includes(text(value)));
    case 'in':
      return (value as unknown[]).some(has);
    default:
      return false; // lists have no order to compare by
  }
}

const sameItems = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/**
 * Whether a record satisfies a filter. A sub-table column matches when any row does
 * (`empty`: when none has a value). An empty value matches only `empty` and `ne`.
 */
export function filterMatches(filter: ResolvedFilter, values: RecordValues): boolean {
  const { target, op } = filter;
  const cells = cellsAt(values, target);
  const filled = cells.filter((cell) => !isEmpty(target, cell));
  if (op === 'empty') return filled.length === 0;
  if (op === 'notEmpty') return filled.length > 0;
  if (op === 'ne' && filled.length < cells.length) return true;
  if (op === 'ne' && cells.length === 0) return true;
  return filled.some((cell) =>
    Array.isArray(cell) ? listMatches(filter, cell) : scalarMatches(filter, cell),
  );
}
