import { defineFieldType, issue, Type } from '@tessera/core';

const BooleanConfig = Type.Object({}, { additionalProperties: false });

const YES = new Set(['true', 'yes', 'y', '1', '是', '对']);
const NO = new Set(['false', 'no', 'n', '0', '否', '不']);

/** 是/否: a JSON boolean, a CEL bool. New records start unchecked (false). */
export const booleanField = defineFieldType({
  type: 'boolean',
  label: { 'zh-CN': '是/否', en: 'Yes/No' },
  config: BooleanConfig,
  valueSchema: () => ({ type: 'boolean' }),
  celType: () => 'bool',
  toCel: (value) => value,
  fromCel: (value) => value,
  validate: (value) =>
    typeof value === 'boolean'
      ? []
      : [
          issue('', 'boolean.type', {
            en: 'must be true or false',
            'zh-CN': '必须是“是”或“否”（true 或 false）',
          }),
        ],
  defaultValue: () => false,
  compare: (a, b) => Number(a === true) - Number(b === true),
  designer: { group: 'choice', icon: 'checkbox', defaultConfig: () => ({}) },
  form: {
    element: 'tessera-field-boolean',
    parseInput(input) {
      const text = input.trim().toLowerCase();
      if (YES.has(text)) return { value: true };
      if (NO.has(text)) return { value: false };
      return {
        issue: {
          en: `"${input}" is neither yes nor no`,
          'zh-CN': `"${input}" 既不是“是”也不是“否”`,
        },
      };
    },
    format: (value, _field, locale) =>
      typeof value === 'boolean'
        ? locale === 'zh-CN'
          ? value
            ? '是'
            : '否'
          : value
            ? 'Yes'
            : 'No'
        : '',
    // false is an answer, not a blank; a wrong type is not empty either: validate names it
    isEmpty: (value) => value === undefined || value === null,
  },
});
