import { defineFieldType, type Static, Type } from '@tessera/core';
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

const DecimalText = Type.String({ pattern: DECIMAL_TEXT_PATTERN });

const PercentConfig = Type.Object(
  {
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
    min: Type.Optional(DecimalText),
    max: Type.Optional(DecimalText),
  },
  { additionalProperties: false },
);

type PercentSettings = Static<typeof PercentConfig>;

const scaleOf = (config: PercentSettings) => config.scale ?? 2;

/** 百分比: percent points as decimal text ("12.5" is 12.5%), a CEL decimal. */
export const percentField = defineFieldType({
  type: 'percent',
  label: { 'zh-CN': '百分比', en: 'Percent' },
  config: PercentConfig,
  valueSchema: (field) => ({
    type: 'string',
    pattern: DECIMAL_TEXT_PATTERN,
    description: `Percent points as decimal text ("12.5" is 12.5%), at most ${scaleOf(field.config)} decimal places`,
  }),
  celType: () => 'decimal',
  toCel: decimalToCel,
  fromCel: (value, field) => decimalFromCel(value, scaleOf(field.config)),
  validate: (value, field) =>
    checkDecimalText(
      value,
      {
        scale: scaleOf(field.config),
        min: field.config.min ?? '0',
        max: field.config.max ?? '100',
      },
      'percent',
    ),
  defaultValue: () => undefined,
  compare: compareDecimalText,
  designer: { group: 'basic', icon: 'percent', defaultConfig: () => ({ scale: 2 }) },
  form: {
    element: 'tessera-field-percent',
    parseInput: (input, field) =>
      parseDecimalInput(input, scaleOf(field.config as PercentSettings), /[%％]/g),
    format: (value) =>
      typeof value === 'string' && DECIMAL_TEXT.test(value)
        ? `${groupDigits(value)}%`
        : scalarText(value),
    isEmpty: isBlank,
  },
});
