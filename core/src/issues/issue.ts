import type { Bilingual, Locale } from '../i18n/localized.ts';

/**
 * One thing wrong with a definition, a value or an expression.
 * `path` is a JSON pointer (RFC 6901) into the document that was checked.
 */
export interface Issue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

export function issue(path: string, code: string, message: Bilingual): Issue {
  return { path, code, message };
}

/** `/tables/0/fields/2/type: unknown field type "foo"` in the chosen language. */
export function formatIssue(found: Issue, locale: Locale = 'en'): string {
  return `${found.path || '/'}: ${found.message[locale]}`;
}

export function formatIssues(found: readonly Issue[], locale: Locale = 'en'): string {
  return found.map((one) => formatIssue(one, locale)).join('\n');
}

/** Appends reference tokens to a JSON pointer, escaping `~` and `/` as RFC 6901 says. */
export function pointer(base: string, ...tokens: readonly (string | number)[]): string {
  let out = base;
  for (const token of tokens) {
    out += `/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return out;
}

/** Prefixes every issue's path, e.g. to place a field's issues under `/tables/0/fields/3`. */
export function prefixIssues(base: string, found: readonly Issue[]): Issue[] {
  return found.map((one) => ({ ...one, path: base + one.path }));
}

/** Thrown where a whole definition is refused; carries every issue found, not just the first. */
export class DefinitionError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], what = 'definition') {
    const shown = issues.slice(0, 5).map((one) => formatIssue(one, 'en'));
    const more = issues.length > 5 ? `\n… and ${issues.length - 5} more` : '';
    super(`Invalid ${what}:\n${shown.join('\n')}${more}`);
    this.name = 'DefinitionError';
    this.issues = issues;
  }
}
