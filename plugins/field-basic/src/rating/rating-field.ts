import { defineFieldType, issue, type Static, Type } from '@tessera/core';
import { compareNumbers } from '../shared/compare.ts';

const RatingConfig = Type.Object(
  { max: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) },
  { additionalProperties: false },
);

const maxOf = (config: Static<typeof RatingConfig>) => config.max ?? 5;

/** 评分: a whole number of stars from 0 to `max` (default 5); a CEL int. */
export const ratingField = defineFieldType({
  type: 'rating',
  label: { 'zh-CN': '评分', en: 'Rating' },
  config: RatingConfig,
  valueSchema: (field) => ({ type: 'integer', minimum: 0, maximum: maxOf(field.config) }),
  celType: () => 'int',
  toCel: (value) => (Number.isSafeInteger(value) ? BigInt(value as number) : value),
  fromCel: (value) => (typeof value === 'bigint' ? Number(value) : value),
  validate(value, field) {
    if (!Number.isInteger(value)) {
      return [issue('', 'rating.type', { en: 'must be a whole number', 'zh-CN': '必须是整数' })];
    }
    const max = maxOf(field.config);
    const stars = value as number;
    return stars >= 0 && stars <= max
      ? []
      : [
          issue('', 'rating.range', {
            en: `is ${stars}; a rating lies between 0 and ${max}`,
            'zh-CN': `值为 ${stars}，评分必须在 0 到 ${max} 之间`,
          }),
        ];
  },
  defaultValue: () => undefined,
  compare: compareNumbers,
  designer: { group: 'choice', icon: 'star', defaultConfig: () => ({ max: 5 }) },
  form: {
    element: 'tessera-field-rating',
    parseInput(input) {
      const text = input.trim();
      if (text === '') return { value: undefined };
      return /^\d{1,2}$/.test(text)
        ? { value: Number(text) }
        : { issue: { en: `"${input}" is not a whole number`, 'zh-CN': `"${input}" 不是整数` } };
    },
    format(value, field) {
      if (!Number.isInteger(value)) return '';
      const max = maxOf(field.config as Static<typeof RatingConfig>);
      const stars = Math.max(0, Math.min(max, value as number));
      return '★'.repeat(stars) + '☆'.repeat(max - stars);
    },
    isEmpty: (value) => value === undefined || value === null,
  },
});
