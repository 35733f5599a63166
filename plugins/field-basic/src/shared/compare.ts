import { scalarText } from './guards.ts';

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true });

/** Text order people expect: 汉字 by pinyin, numbers inside text by value. */
export function compareText(a: unknown, b: unknown): number {
  return collator.compare(scalarText(a), scalarText(b));
}

/** Numeric order; anything that is not a number sorts after numbers. */
export function compareNumbers(a: unknown, b: unknown): number {
  const x = typeof a === 'number' ? a : Number.NaN;
  const y = typeof b === 'number' ? b : Number.NaN;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
  return x - y;
}

/** Lists compare element by element, then by length. */
export function compareLists(a: unknown, b: unknown): number {
  const x = Array.isArray(a) ? a : [];
  const y = Array.isArray(b) ? b : [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = compareText(x[i], y[i]);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** Plain code-unit order, for texts whose order is their spelling (YYYY-MM-DD, ids). */
export function compareCodeUnits(a: unknown, b: unknown): number {
  const x = scalarText(a);
  const y = scalarText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
