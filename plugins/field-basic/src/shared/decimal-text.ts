import { Decimal, type Issue, issue } from '@tessera/core';

/** Decimal text as money and percentages are stored: never a float (decision 2). */
export const DECIMAL_TEXT = /^-?\d{1,15}(\.\d+)?$/;
export const DECIMAL_TEXT_PATTERN = DECIMAL_TEXT.source;

export interface DecimalRules {
  readonly scale: number;
  readonly min?: string | undefined;
  readonly max?: string | undefined;
}

/** Checks decimal text against its rules; codes are `<code>.format|scale|min|max`. */
export function checkDecimalText(value: unknown, rules: DecimalRules, code: string): Issue[] {
  if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) {
    return [
      issue('', `${code}.format`, {
        en: 'must be a decimal number written as text with at most 15 integer digits, e.g. "1234.50"',
        'zh-CN': '必须是以文本表示的十进制数，整数部分最多 15 位，例如 "1234.50"',
      }),
    ];
  }
  const places = value.split('.')[1]?.length ?? 0;
  const found: Issue[] = [];
  if (places > rules.scale) {
    found.push(
      issue('', `${code}.scale`, {
        en: `has ${places} decimal places; at most ${rules.scale} are allowed`,
        'zh-CN': `小数位数为 ${places}，最多允许 ${rules.scale} 位`,
      }),
    );
  }
  const amount = new Decimal(value);
  if (rules.min !== undefined && amount.lessThan(rules.min)) {
    found.push(
      issue('', `${code}.min`, {
        en: `is ${value}; the minimum is ${rules.min}`,
        'zh-CN': `值为 ${value}，最小允许 ${rules.min}`,
      }),
    );
  }
  if (rules.max !== undefined && amount.greaterThan(rules.max)) {
    found.push(
      issue('', `${code}.max`, {
        en: `is ${value}; the maximum is ${rules.max}`,
        'zh-CN': `值为 ${value}，最大允许 ${rules.max}`,
      }),
    );
  }
  return found;
}

/** Stored decimal text → a CEL decimal; anything else passes through for validation to name. */
export function decimalToCel(value: unknown): unknown {
  return typeof value === 'string' && DECIMAL_TEXT.test(value) ? new Decimal(value) : value;
}

/** A CEL result (decimal, int, double or text) → decimal text fixed to `scale`, half up. */
export function decimalFromCel(value: unknown, scale: number): unknown {
  const amount = asDecimal(value);
  if (amount === undefined || !amount.isFinite()) return value;
  const fixed = amount.toFixed(scale, Decimal.ROUND_HALF_UP);
  return new Decimal(fixed).isZero() ? new Decimal(0).toFixed(scale) : fixed;
}

function asDecimal(value: unknown): Decimal | undefined {
  if (Decimal.isDecimal(value)) return value as Decimal;
  if (typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(value);
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim()))
    return new Decimal(value.trim());
  return undefined;
}

export function compareDecimalText(a: unknown, b: unknown): number {
  const x = asDecimal(a);
  const y = asDecimal(b);
  if (x === undefined || y === undefined) return Number(x === undefined) - Number(y === undefined);
  return x.comparedTo(y);
}

/**
 * Text typed by a person ("¥ 1,234.5", "12.5%") → decimal text. Separators and the symbols in
 * `strip` are dropped; a value with no more places than `scale` is padded to `scale`.
 */
export function parseDecimalInput(
  input: string,
  scale: number,
  strip: RegExp,
): { value: unknown } | { issue: { en: string; 'zh-CN': string } } {
  const text = input.replace(strip, '').replace(/[\s,，]/g, '');
  if (text === '') return { value: undefined };
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    return { issue: { en: `"${input}" is not a number`, 'zh-CN': `"${input}" 不是数字` } };
  }
  const places = text.split('.')[1]?.length ?? 0;
  return { value: places <= scale ? new Decimal(text).toFixed(scale) : text };
}
