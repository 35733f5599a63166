import { defineFieldType, issue, prefixIssues, Type } from '@tessera/core';
import { celToText } from '../shared/cel-text.ts';
import { compareText } from '../shared/compare.ts';
import { isBlank } from '../shared/guards.ts';
import {
  autoNumberCounterKey,
  autoNumberMatcher,
  formatAutoNumber,
  parseAutoNumberPattern,
} from './auto-number-pattern.ts';

const AutoNumberConfig = Type.Object(
  { pattern: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

const MAX_LENGTH = 200;

/** 流水号: a number the platform draws when a record is saved, e.g. `HT-2026-0001`. */
export const autoNumberField = defineFieldType({
  type: 'auto-number',
  label: { 'zh-CN': '流水号', en: 'Auto number' },
  config: AutoNumberConfig,
  derived: true,
  sequence: {
    counterKey: (field, at, timeZone) => autoNumberCounterKey(field.config.pattern, at, timeZone),
    format: (field, at, seq, timeZone) => formatAutoNumber(field.config.pattern, at, seq, timeZone),
  },
  valueSchema: (field) => ({
    type: 'string',
    description: `Auto number like ${field.config.pattern}`,
  }),
  celType: () => 'string',
  toCel: (value) => value,
  fromCel: celToText,
  validate(value, field) {
    if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) {
      return [
        issue('', 'auto-number.type', {
          en: `must be text of 1 to ${MAX_LENGTH} characters`,
          'zh-CN': `必须是 1 到 ${MAX_LENGTH} 个字符的文本`,
        }),
      ];
    }
    const parsed = parseAutoNumberPattern(field.config.pattern);
    if (parsed.issues.length > 0 || autoNumberMatcher(parsed).test(value)) return [];
    return [
      issue('', 'auto-number.format', {
        en: `"${value}" does not follow the pattern "${field.config.pattern}"`,
        'zh-CN': `"${value}" 不符合编号规则 "${field.config.pattern}"`,
      }),
    ];
  },
  defaultValue: () => undefined,
  checkDefinition: (field) =>
    prefixIssues('/config/pattern', parseAutoNumberPattern(field.config.pattern).issues),
  compare: compareText,
  designer: {
    group: 'advanced',
    icon: 'hash',
    defaultConfig: () => ({ pattern: 'NO-{yyyy}{MM}{dd}-{seq:4}' }),
  },
  form: {
    element: 'tessera-field-auto-number',
    format: (value) => (typeof value === 'string' ? value : ''),
    isEmpty: isBlank,
  },
});
