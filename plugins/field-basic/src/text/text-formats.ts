import type { Bilingual } from '@tessera/core';

/**
 * Formats a single-line text may require. Each regex is linear: no nested or overlapping
 * quantifiers, so no input can make it backtrack (packs are data, not trusted code).
 */
export const TEXT_FORMATS = {
  email: {
    regex: /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/,
    name: {
      en: 'an email address such as name@example.com',
      'zh-CN': '电子邮箱地址，例如 name@example.com',
    },
  },
  phone: {
    regex: /^\+?\d[\d -]{4,18}\d$/,
    name: {
      en: 'a phone number of 6 to 20 digits, spaces or dashes',
      'zh-CN': '由 6 到 20 位数字、空格或短横线组成的电话号码',
    },
  },
  url: {
    regex: /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i,
    name: {
      en: 'a web address starting with http:// or https://',
      'zh-CN': '以 http:// 或 https:// 开头的网址',
    },
  },
} as const satisfies Record<string, { regex: RegExp; name: Bilingual }>;

export type TextFormat = keyof typeof TEXT_FORMATS;
