import { type Bilingual, type Issue, issue, pointer } from '@tessera/core';
import { compareLists, compareText } from './compare.ts';
import { isBlank, scalarText } from './guards.ts';

/** Fields that hold ids of users, departments or records: one id, or a list when `multiple`. */
export interface RefConfig {
  readonly multiple?: boolean | undefined;
}

const MAX_ID = 128;

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

/**
 * The value parts every id-holding type shares; `code` prefixes issue codes (`user.type`),
 * `noun` names what the id points at in both languages.
 */
export function refValueParts(code: string, noun: Bilingual) {
  const notId = (path: string) =>
    issue(path, `${code}.type`, {
      en: `must be a ${noun.en} id (text of 1 to ${MAX_ID} characters)`,
      'zh-CN': `必须是${noun['zh-CN']} ID（1 到 ${MAX_ID} 个字符的文本）`,
    });
  return {
    valueSchema: (field: { config: RefConfig }) =>
      field.config.multiple
        ? {
            type: 'array',
            items: { type: 'string', description: `${noun.en} id` },
            uniqueItems: true,
          }
        : { type: 'string', description: `${noun.en} id` },
    celType: (field: { config: RefConfig }) => (field.config.multiple ? 'list<string>' : 'string'),
    toCel: (value: unknown) => (Array.isArray(value) ? [...value] : value),
    fromCel: (value: unknown, field: { config: RefConfig }) =>
      field.config.multiple && typeof value === 'string' ? [value] : value,
    validate(value: unknown, field: { config: RefConfig }): Issue[] {
      if (!field.config.multiple) return isId(value) ? [] : [notId('')];
      if (!Array.isArray(value)) {
        return [
          issue('', `${code}.type`, {
            en: `must be a list of ${noun.en} ids`,
            'zh-CN': `必须是${noun['zh-CN']} ID 的列表`,
          }),
        ];
      }
      const found: Issue[] = [];
      const seen = new Set<string>();
      for (const [index, item] of value.entries()) {
        if (!isId(item)) found.push(notId(pointer('', index)));
        else if (seen.has(item)) {
          found.push(
            issue(pointer('', index), `${code}.duplicate`, {
              en: `${noun.en} "${item}" is listed more than once`,
              'zh-CN': `${noun['zh-CN']} "${item}" 重复`,
            }),
          );
        } else seen.add(item);
      }
      return found;
    },
    defaultValue: (field: { config: RefConfig }) => (field.config.multiple ? [] : undefined),
    compare: (a: unknown, b: unknown) =>
      Array.isArray(a) || Array.isArray(b) ? compareLists(a, b) : compareText(a, b),
  };
}

/** Read-only text: the ids, comma separated (elements resolve names; format has no directory). */
export function formatRefs(value: unknown): string {
  return Array.isArray(value) ? value.map(scalarText).join(', ') : scalarText(value);
}

export const isEmptyRef = isBlank;
