import type { Bilingual } from '../i18n/localized.ts';

/**
 * The functions Tessera adds to CEL's standard library in every environment (decimal-support,
 * safe-regex, time-functions), for designers' completion lists and the platform page.
 */
export const BUILTIN_FUNCTIONS: readonly {
  readonly signature: string;
  readonly description: Bilingual;
}[] = [
  {
    signature: 'decimal(string): decimal',
    description: {
      en: 'An exact decimal from text such as "12.30"',
      'zh-CN': '把文本（如 "12.30"）转为精确小数',
    },
  },
  {
    signature: 'decimal(int): decimal',
    description: { en: 'An exact decimal from a whole number', 'zh-CN': '把整数转为精确小数' },
  },
  {
    signature: 'decimal(double): decimal',
    description: {
      en: 'An exact decimal from a number, by its shortest text',
      'zh-CN': '把数字按最短文本转为精确小数',
    },
  },
  {
    signature: 'double(decimal): double',
    description: { en: 'A decimal as a (binary) number', 'zh-CN': '把精确小数转为浮点数' },
  },
  {
    signature: 'int(decimal): int',
    description: { en: 'The whole part of a decimal', 'zh-CN': '取精确小数的整数部分' },
  },
  {
    signature: 'string(decimal): string',
    description: { en: 'A decimal as text', 'zh-CN': '把精确小数转为文本' },
  },
  {
    signature: 'round(decimal, int): decimal',
    description: {
      en: 'Rounds half up to the given decimal places',
      'zh-CN': '四舍五入到指定小数位',
    },
  },
  {
    signature: 'round(double, int): double',
    description: {
      en: 'Rounds half up to the given decimal places',
      'zh-CN': '四舍五入到指定小数位',
    },
  },
  {
    signature: 'abs(decimal): decimal',
    description: { en: 'The absolute value', 'zh-CN': '绝对值' },
  },
  { signature: 'abs(int): int', description: { en: 'The absolute value', 'zh-CN': '绝对值' } },
  {
    signature: 'abs(double): double',
    description: { en: 'The absolute value', 'zh-CN': '绝对值' },
  },
  {
    signature: 'regexMatch(string, string): bool',
    description: {
      en: 'Whether the text matches the RE2 pattern (linear time; use instead of matches())',
      'zh-CN': '文本是否匹配 RE2 正则（线性时间，替代 matches()）',
    },
  },
  {
    signature: 'string.regexMatch(string): bool',
    description: {
      en: 'Whether the text matches the RE2 pattern',
      'zh-CN': '文本是否匹配 RE2 正则',
    },
  },
  {
    signature: 'daysBetween(timestamp, timestamp): int',
    description: {
      en: 'Calendar days from the first date to the second (UTC)',
      'zh-CN': '两个日期相差的天数（UTC）',
    },
  },
  {
    signature: 'addDays(timestamp, int): timestamp',
    description: {
      en: 'The date a number of days later (or earlier)',
      'zh-CN': '加减若干天后的日期',
    },
  },
  {
    signature: 'date(string): timestamp',
    description: {
      en: 'A date from text YYYY-MM-DD, at 00:00 UTC',
      'zh-CN': '把 YYYY-MM-DD 文本转为日期（UTC 零点）',
    },
  },
];
