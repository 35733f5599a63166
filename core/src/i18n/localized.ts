/** The two languages Tessera ships in (decision 8). */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text shown to people: either one string for both languages or one per language. */
export type LocalizedText = string | { readonly 'zh-CN'?: string; readonly en?: string };

/** Both languages, always present: what messages made by Tessera itself carry. */
export interface Bilingual {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** Picks the text for a locale, falling back to the other language, then to `fallback`. */
export function localize(text: LocalizedText | undefined, locale: Locale, fallback = ''): string {
  if (text === undefined) return fallback;
  if (typeof text === 'string') return text;
  return text[locale] ?? text[locale === 'en' ? 'zh-CN' : 'en'] ?? fallback;
}
