import type { AppDefinition, FieldDefinition, Locale, Platform } from '@tessera/core';
import { formatDateTime } from '../../i18n/texts.ts';

/** What formatting a cell needs besides its value: the locale, the words for yes and no. */
export interface CellContext {
  readonly locale: Locale;
  readonly yes: string;
  readonly no: string;
  readonly platform?: Platform;
  readonly app?: AppDefinition;
  readonly table?: string;
  /** Display names of users by id, for user columns. */
  readonly people?: Readonly<Record<string, string>>;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Money as exact decimal text with two places and the locale's grouping: the whole part goes
 * through `Intl.NumberFormat` as a BigInt, so no digit is lost to floating point.
 */
export function formatMoney(value: unknown, locale: Locale, places = 2): string {
  const text = typeof value === 'number' ? value.toFixed(places) : String(value ?? '');
  const match = DECIMAL.exec(text.trim());
  if (!match) return text;
  const [, sign, whole, fraction = ''] = match;
  const grouped = new Intl.NumberFormat(locale).format(BigInt(whole!));
  const decimals = fraction.padEnd(places, '0').slice(0, Math.max(places, fraction.length));
  const point = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  const negative = sign && /[1-9]/.test(whole! + decimals) ? '-' : '';
  return `${negative}${grouped}${places > 0 ? `${point?.value ?? '.'}${decimals}` : ''}`;
}

/** A `YYYY-MM-DD` date as people of the locale write it (no time zone shift). */
export function formatDate(value: unknown, locale: Locale): string {
  const text = String(value ?? '');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return formatDateTime(text, locale);
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A field of a table, or a column of one of its sub-tables (`lines.price`). */
export function fieldOf(
  app: AppDefinition | undefined,
  table: string | undefined,
  path: string,
): FieldDefinition | undefined {
  const fields = app?.tables.find((one) => one.id === table)?.fields ?? [];
  const [head, tail] = path.split('.');
  const field = fields.find((one) => one.id === head);
  if (!tail) return field;
  const columns = (field?.config as { columns?: FieldDefinition[] } | undefined)?.columns;
  return columns?.find((one) => one.id === tail);
}

/** Text for one value of a column of type `type` (a list for sub-table columns). */
export function formatCell(
  value: unknown,
  column: { field: string; type: string },
  context: CellContext,
): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value) && column.type !== 'multi-select' && column.type !== 'attachment') {
    return value.map((one) => formatCell(one, column, context)).join(', ');
  }
  switch (column.type) {
    case 'money':
      return formatMoney(value, context.locale);
    case 'number':
      return typeof value === 'number'
        ? new Intl.NumberFormat(context.locale, { maximumFractionDigits: 10 }).format(value)
        : String(value);
    case 'date':
      return formatDate(value, context.locale);
    case 'datetime':
      return formatDateTime(String(value), context.locale);
    case 'boolean':
      return value === true ? context.yes : value === false ? context.no : String(value);
    case 'user':
      return context.people?.[String(value)] ?? String(value);
  }
  const field = fieldOf(context.app, context.table, column.field);
  const type = context.platform?.fieldTypes.get(column.type);
  if (field && type) {
    try {
      return type.form.format(value, field as never, context.locale);
    } catch {
      // fall through to plain text
    }
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
