import type { ViewColumn } from './view-types.ts';

export const FILTER_OPS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'empty',
  'notEmpty',
  'between',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

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

const ORDERED: readonly FilterOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'];

/** The operators that make sense for a column, from its field type and CEL type. */
export function opsFor(column: Pick<ViewColumn, 'type' | 'celType'>): readonly FilterOp[] {
  const { type, celType } = column;
  if (type === 'link' || type === 'attachment' || type === 'sub-table' || celType === 'list')
    return ['notEmpty', 'empty'];
  if (celType.startsWith('list<')) return ['contains', 'empty', 'notEmpty'];
  if (celType === 'bool') return ['eq'];
  if (type === 'select') return ['eq', 'ne', 'empty', 'notEmpty'];
  if (['decimal', 'int', 'double', 'timestamp'].includes(celType))
    return [...ORDERED, 'empty', 'notEmpty'];
  return ['contains', 'eq', 'ne', 'empty', 'notEmpty'];
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
