import { type Issue, issue, pointer } from '@tessera/core';
import { isRecord } from '../shared/guards.ts';

export interface AttachmentRules {
  readonly maxFiles: number;
  readonly maxSize: number;
  readonly accept?: readonly string[] | undefined;
}

const KEYS = new Set(['id', 'name', 'size', 'type']);

/** `.pdf` matches by file name, `image/*` by MIME family, anything else by exact MIME type. */
export function accepts(accept: readonly string[], name: string, type: string): boolean {
  const lowerName = name.toLowerCase();
  const lowerType = type.toLowerCase();
  return accept.some((entry) => {
    const rule = entry.toLowerCase();
    if (rule.startsWith('.')) return lowerName.endsWith(rule);
    if (rule.endsWith('/*')) return lowerType.startsWith(rule.slice(0, -1));
    return lowerType === rule;
  });
}

const nonEmptyText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 255;

/** Checks one file entry `{ id, name, size, type }` at `path`. */
function checkFile(file: unknown, path: string, rules: AttachmentRules): Issue[] {
  if (!isRecord(file)) {
    return [
      issue(path, 'attachment.item', {
        en: 'must be a file entry { id, name, size, type }',
        'zh-CN': '必须是文件条目 { id, name, size, type }',
      }),
    ];
  }
  const found: Issue[] = [];
  for (const key of Object.keys(file)) {
    if (!KEYS.has(key)) {
      found.push(
        issue(pointer(path, key), 'attachment.unknown-property', {
          en: `"${key}" is not a property of a file entry (id, name, size, type)`,
          'zh-CN': `"${key}" 不是文件条目的属性（id、name、size、type）`,
        }),
      );
    }
  }
  for (const key of ['id', 'name', 'type'] as const) {
    if (!nonEmptyText(file[key])) {
      found.push(
        issue(pointer(path, key), `attachment.${key}`, {
          en: 'must be text of 1 to 255 characters',
          'zh-CN': '必须是 1 到 255 个字符的文本',
        }),
      );
    }
  }
  const size = file.size;
  if (!Number.isSafeInteger(size) || (size as number) < 0) {
    found.push(
      issue(pointer(path, 'size'), 'attachment.size', {
        en: 'must be the file size in bytes (a whole number, 0 or more)',
        'zh-CN': '必须是以字节为单位的文件大小（不小于 0 的整数）',
      }),
    );
  } else if ((size as number) > rules.maxSize) {
    found.push(
      issue(pointer(path, 'size'), 'attachment.max-size', {
        en: `is ${size} bytes; at most ${rules.maxSize} bytes are allowed`,
        'zh-CN': `文件大小为 ${size} 字节，最多允许 ${rules.maxSize} 字节`,
      }),
    );
  }
  const { name, type } = file;
  if (
    rules.accept &&
    nonEmptyText(name) &&
    nonEmptyText(type) &&
    !accepts(rules.accept, name, type)
  ) {
    found.push(
      issue(path, 'attachment.accept', {
        en: `"${name}" is not an accepted kind of file (${rules.accept.join(', ')})`,
        'zh-CN': `"${name}" 不是允许的文件类型（${rules.accept.join('、')}）`,
      }),
    );
  }
  return found;
}

/** Checks a list of file entries: count, each entry, duplicate ids. */
export function checkAttachments(value: unknown, rules: AttachmentRules): Issue[] {
  if (!Array.isArray(value)) {
    return [
      issue('', 'attachment.type', { en: 'must be a list of files', 'zh-CN': '必须是文件列表' }),
    ];
  }
  const found: Issue[] = [];
  if (value.length > rules.maxFiles) {
    found.push(
      issue('', 'attachment.max-files', {
        en: `has ${value.length} files; at most ${rules.maxFiles} are allowed`,
        'zh-CN': `共有 ${value.length} 个文件，最多允许 ${rules.maxFiles} 个`,
      }),
    );
  }
  const ids = new Set<unknown>();
  for (const [index, file] of value.entries()) {
    const path = pointer('', index);
    found.push(...checkFile(file, path, rules));
    const id = isRecord(file) ? file.id : undefined;
    if (nonEmptyText(id) && ids.has(id)) {
      found.push(
        issue(pointer(path, 'id'), 'attachment.duplicate', {
          en: `file "${id}" is attached more than once`,
          'zh-CN': `文件 "${id}" 被重复添加`,
        }),
      );
    }
    ids.add(id);
  }
  return found;
}
