import type { Locale } from './localized.ts';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Exact decimal text (money, sums of money) with at least `places` decimals and the locale's
 * grouping: the whole part goes through `Intl.NumberFormat` as a BigInt, so no digit is lost
 * to floating point. Text that is not a decimal is returned as it is.
 */
export function formatDecimalText(value: unknown, locale: Locale, places = 2): string {
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
