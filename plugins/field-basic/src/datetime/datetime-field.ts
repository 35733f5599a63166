import { defineFieldType, issue, Type } from '@tessera/core';
import { parseDateText } from '../shared/calendar.ts';
import { dateTimeCell } from '../shared/date-cells.ts';
import { isBlank, scalarText } from '../shared/guards.ts';
import { parseDatetime } from './parse-datetime.ts';

const DatetimeConfig = Type.Object({}, { additionalProperties: false });

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` in the time zone of whoever displays it (browser or server). */
function formatLocal(value: unknown): string {
  const millis = typeof value === 'string' ? parseDatetime(value) : undefined;
  if (millis === undefined) return scalarText(value);
  const date = new Date(millis);
  const day = `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function compareInstants(a: unknown, b: unknown): number {
  const x = typeof a === 'string' ? parseDatetime(a) : undefined;
  const y = typeof b === 'string' ? parseDatetime(b) : undefined;
  if (x === undefined || y === undefined) return Number(x === undefined) - Number(y === undefined);
  return x - y;
}

/** 日期时间: an ISO 8601 instant with `Z` or an offset; in CEL a timestamp. */
export const datetimeField = defineFieldType({
  type: 'datetime',
  label: { 'zh-CN': '日期时间', en: 'Date and time' },
  config: DatetimeConfig,
  valueSchema: () => ({
    type: 'string',
    format: 'date-time',
    description: 'ISO 8601 date and time with Z or an offset',
  }),
  celType: () => 'timestamp',
  toCel(value) {
    const millis = typeof value === 'string' ? parseDatetime(value) : undefined;
    return millis === undefined ? value : new Date(millis);
  },
  fromCel: (value) =>
    value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value,
  validate: (value) =>
    typeof value === 'string' && parseDatetime(value) !== undefined
      ? []
      : [
          issue('', 'datetime.format', {
            en: 'must be an ISO 8601 date and time with Z or an offset, e.g. 2024-05-01T09:30:00+08:00',
            'zh-CN': '必须是带 Z 或时区偏移的 ISO 8601 日期时间，例如 2024-05-01T09:30:00+08:00',
          }),
        ],
  defaultValue: () => undefined,
  compare: compareInstants,
  designer: { group: 'datetime', icon: 'clock', defaultConfig: () => ({}) },
  list: { cellText: (value, _field, ctx) => dateTimeCell(value, ctx.locale) },
  form: {
    element: 'tessera-field-datetime',
    parseInput(input) {
      const text = input.trim();
      if (text === '') return { value: undefined };
      // a time without offset, as <input type="datetime-local"> gives, is the viewer's local time
      const local =
        /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(text) &&
        parseDateText(text.slice(0, 10)) !== undefined;
      const millis = local ? new Date(text.replace(' ', 'T')).getTime() : parseDatetime(text);
      return millis === undefined || Number.isNaN(millis)
        ? {
            issue: {
              en: `"${input}" is not an ISO 8601 date and time`,
              'zh-CN': `"${input}" 不是 ISO 8601 日期时间`,
            },
          }
        : { value: new Date(millis).toISOString() };
    },
    format: formatLocal,
    isEmpty: isBlank,
  },
});
