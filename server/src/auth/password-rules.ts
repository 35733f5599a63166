import type { Bilingual } from '@tessera/core';

/** Shortest and longest password accepted, in characters (Unicode code points after NFKC). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** A password refused by the rules; the accounts routes turn it into a 400 naming the field. */
export class PasswordError extends Error {
  override name = 'PasswordError';
  readonly code: 'password_too_short' | 'password_too_long';
  readonly detail: Bilingual;

  constructor(code: PasswordError['code'], detail: Bilingual) {
    super(detail.en);
    this.code = code;
    this.detail = detail;
  }
}

/**
 * The form a password is hashed in: NFKC, so the same password typed on different systems
 * (composed or decomposed accents, full-width digits from a Chinese IME) hashes the same.
 */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Why `password` cannot be set, or undefined when it can. */
export function passwordProblem(password: string): PasswordError | undefined {
  const length = [...normalizePassword(password)].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return new PasswordError('password_too_short', {
      en: `the password must have at least ${PASSWORD_MIN_LENGTH} characters (it has ${length})`,
      'zh-CN': `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符（当前为 ${length} 个）`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return new PasswordError('password_too_long', {
      en: `the password must have at most ${PASSWORD_MAX_LENGTH} characters (it has ${length})`,
      'zh-CN': `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符（当前为 ${length} 个）`,
    });
  }
  return undefined;
}
