import type { FilterOp } from '@tessera/core';

/** One condition of the filter bar; `value` is a pair for `between`. */
export interface Condition {
  readonly field: string;
  readonly op: FilterOp;
  readonly value?: string | number | boolean | readonly (string | number)[];
}

export interface SortState {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export const needsValue = (op: FilterOp) => op !== 'empty' && op !== 'notEmpty';

/** Whether a condition is complete enough to send. */
export function ready(condition: Condition): boolean {
  if (!needsValue(condition.op)) return true;
  const { value } = condition;
  if (condition.op === 'between')
    return Array.isArray(value) && value.length === 2 && value.every((one) => one !== '');
  return value !== undefined && value !== '';
}

/** The `filter` parameter: the complete conditions as JSON, or nothing. */
export function filterParam(conditions: readonly Condition[]): string | undefined {
  const complete = conditions.filter(ready);
  if (complete.length === 0) return undefined;
  return JSON.stringify(
    complete.map(({ field, op, value }) => (needsValue(op) ? { field, op, value } : { field, op })),
  );
}

export const sortParam = (sort: SortState | undefined) =>
  sort ? `${sort.field}:${sort.direction}` : undefined;

/** Header clicks cycle ascending → descending → the view's own order. */
export function nextSort(current: SortState | undefined, field: string): SortState | undefined {
  if (current?.field !== field) return { field, direction: 'asc' };
  return current.direction === 'asc' ? { field, direction: 'desc' } : undefined;
}
