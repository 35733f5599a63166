import type { Locale } from '@tessera/core';

/** An instant as people of the locale write it, in the browser's time zone. */
export function dateTimeCell(value: unknown, locale: Locale): string {
  const text = String(value ?? '');
  const date = new Date(text);
  if (text === '' || Number.isNaN(date.getTime())) return text;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A `YYYY-MM-DD` date as people of the locale write it, with no time zone shift. */
export function dateCell(value: unknown, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  if (!match) return dateTimeCell(value, locale);
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
