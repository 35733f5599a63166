import { type Issue, issue } from '@tessera/core';
import { charLength } from './guards.ts';

/** Shared by text, long-text and rich-text: a string within [minLength, maxLength] characters. */
export function checkTextLength(
  value: unknown,
  limits: { readonly minLength?: number | undefined; readonly maxLength: number },
  code: string,
): Issue[] {
  if (typeof value !== 'string') {
    return [issue('', `${code}.type`, { en: 'must be text', 'zh-CN': '必须是文本' })];
  }
  const length = charLength(value);
  if (length > limits.maxLength) {
    return [
      issue('', `${code}.max-length`, {
        en: `has ${length} characters; at most ${limits.maxLength} are allowed`,
        'zh-CN': `长度为 ${length} 个字符，最多允许 ${limits.maxLength} 个`,
      }),
    ];
  }
  if (limits.minLength !== undefined && length < limits.minLength) {
    return [
      issue('', `${code}.min-length`, {
        en: `has ${length} characters; at least ${limits.minLength} are required`,
        'zh-CN': `长度为 ${length} 个字符，至少需要 ${limits.minLength} 个`,
      }),
    ];
  }
  return [];
}
