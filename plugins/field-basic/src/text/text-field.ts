import { defineFieldType, type Issue, issue, type Static, Type } from '@tessera/core';
import { celToText } from '../shared/cel-text.ts';
import { compareText } from '../shared/compare.ts';
import { isBlank, scalarText } from '../shared/guards.ts';
import { checkTextLength } from '../shared/text-length.ts';
import { TEXT_FORMATS } from './text-formats.ts';

const TextConfig = Type.Object(
  {
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    format: Type.Optional(
      Type.Union([Type.Literal('email'), Type.Literal('phone'), Type.Literal('url')]),
    ),
  },
  { additionalProperties: false },
);

type TextSettings = Static<typeof TextConfig>;

const maxLengthOf = (config: TextSettings) => config.maxLength ?? 200;

/** 单行文本: one line of text, optionally an email, phone number or web address. */
export const textField = defineFieldType({
  type: 'text',
  label: { 'zh-CN': '单行文本', en: 'Text' },
  config: TextConfig,
  titles: true,
  valueSchema: (field) => ({
    type: 'string',
    maxLength: maxLengthOf(field.config),
    ...(field.config.minLength === undefined ? {} : { minLength: field.config.minLength }),
    ...(field.config.format ? { description: TEXT_FORMATS[field.config.format].name.en } : {}),
  }),
  celType: () => 'string',
  toCel: (value) => value,
  fromCel: celToText,
  validate(value, field) {
    const found: Issue[] = checkTextLength(
      value,
      { maxLength: maxLengthOf(field.config), minLength: field.config.minLength },
      'text',
    );
    if (found.length > 0 || typeof value !== 'string') return found;
    if (/[\r\n]/.test(value)) {
      found.push(
        issue('', 'text.line-break', {
          en: 'must be a single line (no line breaks)',
          'zh-CN': '必须为单行文本（不能换行）',
        }),
      );
    }
    const format = field.config.format ? TEXT_FORMATS[field.config.format] : undefined;
    if (format && value !== '' && !format.regex.test(value)) {
      found.push(
        issue('', `text.${field.config.format}`, {
          en: `must be ${format.name.en}`,
          'zh-CN': `必须是${format.name['zh-CN']}`,
        }),
      );
    }
    return found;
  },
  defaultValue: () => undefined,
  compare: compareText,
  designer: { group: 'basic', icon: 'text', defaultConfig: () => ({ maxLength: 200 }) },
  form: {
    element: 'tessera-field-text',
    parseInput: (input) => ({ value: input.trim() }),
    format: scalarText,
    isEmpty: isBlank,
  },
});
