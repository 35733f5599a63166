import type { Static } from 'typebox';
import type { Locale, LocalizedText } from '../i18n/localized.ts';
import type { FilterOperator } from '../model/view.ts';
import type { FieldOf, FieldTypeDefinition, ValueContext } from './field-type.ts';

export type FilterOp = Static<typeof FilterOperator>;

/** Every operator a view filter may use, in the order a filter bar offers them. */
export const FILTER_OPS: readonly FilterOp[] = [
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
];

/** What showing a value in a list cell, a summary or an export may consult. */
export interface CellTextContext {
  readonly locale: Locale;
  /** A person's display name by user id, when the page has looked it up. */
  userName?(id: string): string | undefined;
}

/** One value a filter picks from (a select's option, a dictionary item). */
export interface FilterChoice {
  readonly value: string;
  readonly label: LocalizedText;
}

/** What lists and their filters (views, related records) need of a field type. */
export interface FieldListHooks<Config> {
  /** A value as a list cell shows it; `form.format` when absent. */
  cellText?(value: unknown, field: FieldOf<Config>, ctx: CellTextContext): string;
  /** The filter operators views offer and accept for the field; by its CEL type when absent. */
  filterOps?(field: FieldOf<Config>, celType: string): readonly FilterOp[];
  /** The values a filter on the field picks from, when it is a choice among known values. */
  choices?(field: FieldOf<Config>, ctx: ValueContext): readonly FilterChoice[];
}

const ORDERED: readonly FilterOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'];
const NUMERIC = new Set(['decimal', 'int', 'double', 'timestamp']);

/** The operators of a CEL type, for field types that do not choose their own. */
function operatorsOfCelType(celType: string): readonly FilterOp[] {
  if (celType === 'list' || celType === 'map' || celType === 'dyn') return ['notEmpty', 'empty'];
  if (celType.startsWith('list<')) return ['contains', 'empty', 'notEmpty'];
  if (celType === 'bool') return ['eq'];
  if (NUMERIC.has(celType)) return [...ORDERED, 'empty', 'notEmpty'];
  return ['contains', 'eq', 'ne', 'empty', 'notEmpty'];
}

/** The filter operators of a field: its type's choice, else its CEL type's. */
export function filterOperators(
  type: FieldTypeDefinition,
  field: FieldOf<never>,
  celType: string,
): readonly FilterOp[] {
  return type.list?.filterOps?.(field as never, celType) ?? operatorsOfCelType(celType);
}

/** A value as a list cell shows it: the type's cell text, else its form's read-only text. */
export function cellText(
  type: FieldTypeDefinition,
  value: unknown,
  field: FieldOf<never>,
  ctx: CellTextContext,
): string {
  return type.list?.cellText
    ? type.list.cellText(value, field as never, ctx)
    : type.form.format(value, field, ctx.locale);
}
