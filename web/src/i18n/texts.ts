import type { Locale } from '@tessera/core';

/** One dictionary per area of the app: the same keys in both languages, checked by the type. */
export type Dictionary<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** `{name}` placeholders filled from `values`. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A translator bound to one dictionary and locale. */
export function translator<K extends string>(dictionary: Dictionary<K>, locale: Locale) {
  return (key: K, values?: Record<string, string | number>) =>
    fill(dictionary[locale][key], values);
}

/** Dates and times as people of the locale write them, in the browser's time zone. */
export function formatDateTime(iso: string | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
