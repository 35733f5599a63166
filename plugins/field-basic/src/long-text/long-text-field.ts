import { defineFieldType, type Static, Type } from '@tessera/core';
import { celToText } from '../shared/cel-text.ts';
import { compareText } from '../shared/compare.ts';
import { isBlank, scalarText } from '../shared/guards.ts';
import { checkTextLength } from '../shared/text-length.ts';

const LongTextConfig = Type.Object(
  {
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);

const maxLengthOf = (config: Static<typeof LongTextConfig>) => config.maxLength ?? 10000;

/** 多行文本: plain text over several lines (remarks, reasons, descriptions). */
export const longTextField = defineFieldType({
  type: 'long-text',
  label: { 'zh-CN': '多行文本', en: 'Long text' },
  config: LongTextConfig,
  valueSchema: (field) => ({
    type: 'string',
    maxLength: maxLengthOf(field.config),
    ...(field.config.minLength === undefined ? {} : { minLength: field.config.minLength }),
  }),
  celType: () => 'string',
  toCel: (value) => value,
  fromCel: celToText,
  validate: (value, field) =>
    checkTextLength(
      value,
      { maxLength: maxLengthOf(field.config), minLength: field.config.minLength },
      'long-text',
    ),
  defaultValue: () => undefined,
  compare: compareText,
  designer: { group: 'basic', icon: 'text-paragraph', defaultConfig: () => ({ maxLength: 10000 }) },
  form: {
    element: 'tessera-field-long-text',
    parseInput: (input) => ({ value: input }),
    format: scalarText,
    isEmpty: isBlank,
  },
});
