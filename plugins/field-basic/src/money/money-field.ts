import { defineFieldType, formatDecimalText, type Locale, type Static, Type } from '@tessera/core';
import {
  checkDecimalText,
  compareDecimalText,
  DECIMAL_TEXT,
  DECIMAL_TEXT_PATTERN,
  decimalFromCel,
  decimalToCel,
  parseDecimalInput,
} from '../shared/decimal-text.ts';
import { groupDigits } from '../shared/group-digits.ts';
import { isBlank, scalarText } from '../shared/guards.ts';

/** Currency codes and symbols people type or paste around an amount. */
const CURRENCY_MARKS = /[A-Z]{2,3}|[¥￥$€£]/g;

const DecimalText = Type.String({ pattern: DECIMAL_TEXT_PATTERN });

const MoneyConfig = Type.Object(
  {
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
    min: Type.Optional(DecimalText),
    max: Type.Optional(DecimalText),
  },
  { additionalProperties: false },
);

type MoneySettings = Static<typeof MoneyConfig>;

const scaleOf = (config: MoneySettings) => config.scale ?? 2;
const currencyOf = (config: MoneySettings) => config.currency ?? 'CNY';

/** "¥" for CNY in Chinese, "CN¥" in English, "$" for USD …, or the code when Intl does not know it. */
function currencySymbol(currency: string, locale: Locale): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** 金额: exact decimal text such as "12345.67", a CEL decimal; never a float. */
export const moneyField = defineFieldType({
  type: 'money',
  label: { 'zh-CN': '金额', en: 'Money' },
  config: MoneyConfig,
  valueSchema: (field) => ({
    type: 'string',
    pattern: DECIMAL_TEXT_PATTERN,
    description: `Amount in ${currencyOf(field.config)} as decimal text, at most ${scaleOf(field.config)} decimal places`,
  }),
  celType: () => 'decimal',
  toCel: decimalToCel,
  fromCel: (value, field) => decimalFromCel(value, scaleOf(field.config)),
  validate: (value, field) =>
    checkDecimalText(
      value,
      { scale: scaleOf(field.config), min: field.config.min, max: field.config.max },
      'money',
    ),
  defaultValue: () => undefined,
  compare: compareDecimalText,
  // lists show the amount alone, grouped as the locale does, so a column of amounts lines up
  list: { cellText: (value, _field, ctx) => formatDecimalText(value, ctx.locale) },
  designer: { group: 'basic', icon: 'money', defaultConfig: () => ({ currency: 'CNY', scale: 2 }) },
  form: {
    element: 'tessera-field-money',
    parseInput: (input, field) =>
      parseDecimalInput(input, scaleOf(field.config as MoneySettings), CURRENCY_MARKS),
    format(value, field, locale) {
      if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) return scalarText(value);
      const config = field.config as MoneySettings;
      const symbol = currencySymbol(currencyOf(config), locale);
      const text = groupDigits(value);
      return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
    },
    isEmpty: isBlank,
  },
});
