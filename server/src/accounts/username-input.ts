import { ApiError } from '../http/api-error.ts';
import { invisibleIn, normaliseName } from '../storage/unique-name.ts';
import { USERNAME_PATTERN } from './user-document.ts';

/**
 * A username as it is checked and stored: normalised (`ＡＤＭＩＮ` is `ADMIN`, surrounding
 * white space gone), else 400 `invalid_username` naming `field` — for an invisible character
 * (refused rather than removed: nobody could type such a name to sign in) or a name outside
 * 3–64 of A–Z a–z 0–9 . _ -. Uniqueness ignores case (the `username:` claim folds it).
 */
export function usernameInput(text: string, field = '/username'): string {
  const hidden = invisibleIn(text);
  if (hidden !== undefined) {
    throw new ApiError(
      400,
      'invalid_username',
      {
        en: `the username contains an invisible character (${hidden}): type it again without it`,
        'zh-CN': `用户名包含不可见字符（${hidden}），请去掉后重新输入`,
      },
      field,
    );
  }
  const name = normaliseName(text);
  if (!new RegExp(USERNAME_PATTERN).test(name)) {
    throw new ApiError(
      400,
      'invalid_username',
      {
        en: 'a username has 3 to 64 letters, digits, ".", "_" or "-"',
        'zh-CN': '用户名由 3 到 64 个字母、数字、“.”“_”或“-”组成',
      },
      field,
    );
  }
  return name;
}

/** The username someone signs in with, normalised; undefined when no account could have it. */
export const usernameGiven = (text: string): string | undefined =>
  invisibleIn(text) === undefined ? normaliseName(text) : undefined;
