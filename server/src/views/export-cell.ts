import { Decimal, type Locale } from '@tessera/core';
import type { LinkTarget } from './link-displays.ts';
import type { ViewField } from './view-field.ts';

/** A cell of an exported sheet: a number, a date or text. */
export type ExportCell =
  | {
      readonly kind: 'number';
      readonly value: number;
      readonly text: string;
      readonly format?: string;
    }
  | { readonly kind: 'date'; readonly value: Date; readonly text: string; readonly format: string }
  | { readonly kind: 'text'; readonly value: string };

/** Text a spreadsheet would run as a formula (or a DDE call): `=`, `+`, `-`, `@`, tab, CR first. */
export const FORMULA_START = /^[=+\-@\t\r]/;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,15}(\.\d+)?$/;
const EXCEL_DIGITS = 15;

function decimalCell(text: string): ExportCell {
  // a number only when Excel keeps every digit (it keeps 15 significant ones); else exact text
  const places = text.split('.')[1]?.length ?? 0;
  const value = Number(text);
  const exact = new Decimal(text);
  if (exact.sd(true) > EXCEL_DIGITS || !new Decimal(value).equals(exact)) {
    return { kind: 'text', value: text };
  }
  return {
    kind: 'number',
    value,
    text,
    format: places === 0 ? '#,##0' : `#,##0.${'0'.repeat(places)}`,
  };
}

function dateCell(text: string): ExportCell | undefined {
  if (DAY.test(text)) {
    const value = new Date(`${text}T00:00:00Z`);
    return Number.isNaN(value.getTime())
      ? undefined
      : { kind: 'date', value, text, format: 'yyyy-mm-dd' };
  }
  const value = new Date(text);
  if (Number.isNaN(value.getTime())) return undefined;
  return { kind: 'date', value, text, format: 'yyyy-mm-dd hh:mm:ss' };
}

/**
 * How one value of a column is exported, decided by the field's CEL type: numbers stay numbers,
 * money an exact number (or its text when a double cannot hold it), dates dates (times in UTC),
 * links the linked records' names, everything else the text the field type shows.
 */
export function exportCell(
  column: ViewField,
  value: unknown,
  links: readonly LinkTarget[] | undefined,
  locale: Locale,
): ExportCell {
  if (value === undefined || value === null) return { kind: 'text', value: '' };
  if (links !== undefined) {
    return { kind: 'text', value: links.map((link) => link.display ?? link.id).join(', ') };
  }
  if (column.parent === undefined) {
    const { celType } = column;
    if ((celType === 'int' || celType === 'double') && typeof value === 'number') {
      return { kind: 'number', value, text: String(value) };
    }
    if (celType === 'decimal' && typeof value === 'string' && DECIMAL.test(value)) {
      return decimalCell(value);
    }
    if (celType === 'timestamp' && typeof value === 'string') {
      const date = dateCell(value);
      if (date) return date;
    }
  }
  const cells = column.parent === undefined ? [value] : Array.isArray(value) ? value : [value];
  const text = cells
    .filter((cell) => cell !== undefined && cell !== null)
    .map((cell) => {
      try {
        return column.type.form.format(cell, column.field as never, locale);
      } catch {
        return typeof cell === 'string' ? cell : JSON.stringify(cell);
      }
    })
    .join(', ');
  return { kind: 'text', value: text };
}
