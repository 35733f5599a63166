import { defineFieldType, issue, Type } from '@tessera/core';
import { parseDateText, utcDateText, utcMillis } from '../shared/calendar.ts';
import { compareCodeUnits } from '../shared/compare.ts';
import { dateCell } from '../shared/date-cells.ts';
import { isBlank, scalarText } from '../shared/guards.ts';

const DateConfig = Type.Object({}, { additionalProperties: false });

/** A CEL timestamp (or ISO text) → its UTC calendar day; anything else passes through. */
function dateFromCel(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : utcDateText(value);
  if (typeof value === 'string' && !parseDateText(value)) {
    const parsed = new Date(value);
    return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(parsed.getTime())
      ? utcDateText(parsed)
      : value;
  }
  return value;
}

/** 日期: `YYYY-MM-DD`, a real calendar day; in CEL a timestamp at 00:00 UTC. */
export const dateField = defineFieldType({
  type: 'date',
  label: { 'zh-CN': '日期', en: 'Date' },
  config: DateConfig,
  valueSchema: () => ({ type: 'string', format: 'date', description: 'Calendar date YYYY-MM-DD' }),
  celType: () => 'timestamp',
  toCel(value) {
    const parts = typeof value === 'string' ? parseDateText(value) : undefined;
    return parts ? new Date(utcMillis(parts.year, parts.month, parts.day)) : value;
  },
  fromCel: dateFromCel,
  validate(value) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return [
        issue('', 'date.format', {
          en: 'must be a date written YYYY-MM-DD, e.g. 2024-02-29',
          'zh-CN': '必须是 YYYY-MM-DD 格式的日期，例如 2024-02-29',
        }),
      ];
    }
    if (!parseDateText(value)) {
      return [
        issue('', 'date.calendar', {
          en: `${value} is not a day of the calendar`,
          'zh-CN': `${value} 不是日历上存在的日期`,
        }),
      ];
    }
    return [];
  },
  defaultValue: () => undefined,
  compare: compareCodeUnits,
  designer: { group: 'datetime', icon: 'calendar', defaultConfig: () => ({}) },
  list: { cellText: (value, _field, ctx) => dateCell(value, ctx.locale) },
  form: {
    element: 'tessera-field-date',
    parseInput(input) {
      const text = input
        .trim()
        .replace(/[/.年月]/g, '-')
        .replace(/日$/, '');
      if (text === '') return { value: undefined };
      const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      const value = match
        ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`
        : '';
      return parseDateText(value)
        ? { value }
        : {
            issue: {
              en: `"${input}" is not a date (YYYY-MM-DD)`,
              'zh-CN': `"${input}" 不是日期（YYYY-MM-DD）`,
            },
          };
    },
    format: scalarText,
    isEmpty: isBlank,
  },
});
