import { LOCALES, type Locale } from '@tessera/core';
import type { Context } from 'hono';
import { ApiError } from './api-error.ts';

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/**
 * The language of a response: `?locale=zh-CN|en` when given (anything else is refused),
 * else the first of Accept-Language that Tessera speaks, else English.
 */
export function localeOf(c: Context): Locale {
  const asked = c.req.query('locale');
  if (asked !== undefined) {
    if (isLocale(asked)) return asked;
    throw new ApiError(
      400,
      'invalid_locale',
      {
        en: `locale must be "zh-CN" or "en", not "${asked.slice(0, 40)}"`,
        'zh-CN': `locale 只能是“zh-CN”或“en”，而不是“${asked.slice(0, 40)}”`,
      },
      '?locale',
    );
  }
  return acceptedLocale(c.req.header('accept-language'));
}

/** The same choice without throwing, for error responses. */
export function safeLocaleOf(c: Context): Locale {
  const asked = c.req.query('locale');
  if (asked !== undefined && isLocale(asked)) return asked;
  return acceptedLocale(c.req.header('accept-language'));
}

function acceptedLocale(header: string | undefined): Locale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
