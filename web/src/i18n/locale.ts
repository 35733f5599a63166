import type { Locale } from '@tessera/core';

const KEY = 'tessera.locale';

/** The language last chosen on this browser, else the browser's own (Chinese unless English). */
export function initialLocale(storage: Pick<Storage, 'getItem'> = localStorage): Locale {
  const saved = storage.getItem(KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function saveLocale(locale: Locale, storage: Pick<Storage, 'setItem'> = localStorage) {
  storage.setItem(KEY, locale);
}
