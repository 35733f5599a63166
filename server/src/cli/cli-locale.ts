import type { Locale } from '@tessera/core';

/** The language of messages: Chinese when the shell's locale is (`LANG=zh_CN.UTF-8`), else English. */
export function cliLocale(env: Readonly<Record<string, string | undefined>> = process.env): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
