/**
 * Names that must be unique (usernames, department names) are compared and stored in one
 * form, so that a look-alike cannot pass for a new name: Unicode NFKC (full-width `ＡＤＭＩＮ`
 * is `ADMIN`), no invisible characters, no white space around it. Invisible means Unicode's
 * default-ignorable code points — zero-width spaces and joiners (U+200B–U+200D), the word
 * joiner (U+2060), the BOM (U+FEFF), the soft hyphen (U+00AD), bidi controls (U+202A–U+202E,
 * U+2066–U+2069), variation selectors … — and control characters.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}]/u;
const EVERY_INVISIBLE = new RegExp(INVISIBLE.source, 'gu');

/**
 * The form a unique name is compared and stored in: NFKC, invisible characters removed,
 * trimmed. Case is kept: callers that ignore case fold the result.
 */
export function normaliseName(text: string): string {
  const name = text.normalize('NFKC');
  if (!INVISIBLE.test(name)) return name.trim();
  // without them, neighbours may compose anew (e + U+200B + U+0301)
  return name.replace(EVERY_INVISIBLE, '').normalize('NFKC').trim();
}

/**
 * The first invisible character inside `text` (white space around it aside), as `U+200B`:
 * for names that refuse them rather than lose them.
 */
export function invisibleIn(text: string): string | undefined {
  const found = INVISIBLE.exec(text.normalize('NFKC').trim())?.[0];
  if (found === undefined) return undefined;
  return `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
