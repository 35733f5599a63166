import { type Issue, issue, pointer, prefixIssues } from '../issues/issue.ts';
import type { TableDefinition } from '../model/table.ts';
import type { FieldTypeDefinition, ValueContext } from '../plugin/field-type.ts';
import { typedField } from './app-context.ts';

/** Keys a stored record carries besides its fields (set by the platform, not by people). */
export const SYSTEM_KEYS = new Set([
  '_id',
  '_rev',
  'id',
  'type',
  'app',
  'table',
  'appVersion',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'flow',
]);

/**
 * Checks a record's field values: unknown keys, required fields, and each value by its
 * field type. The same function runs in the browser and on the server.
 */
export function validateRecord(
  table: TableDefinition,
  record: unknown,
  fieldType: (type: string) => FieldTypeDefinition | undefined,
  ctx: ValueContext,
  base = '',
): Issue[] {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return [
      issue(base, 'record.type', { en: 'a record must be an object', 'zh-CN': '记录应为对象' }),
    ];
  }
  const values = record as Record<string, unknown>;
  const issues: Issue[] = [];
  const fields = new Map(table.fields.map((field) => [field.id, field]));
  for (const key of Object.keys(values)) {
    if (!fields.has(key) && !SYSTEM_KEYS.has(key)) {
      issues.push(
        issue(pointer(base, key), 'record.unknownField', {
          en: `"${key}" is not a field of table "${table.id}"`,
          'zh-CN': `“${key}”不是表“${table.id}”的字段`,
        }),
      );
    }
  }
  for (const field of table.fields) {
    const value = values[field.id];
    const path = pointer(base, field.id);
    const type = fieldType(field.type);
    if (!type) continue;
    const typed = typedField(field);
    const empty = value === undefined || value === null || type.form.isEmpty(value);
    if (empty) {
      if (field.required && !type.derived) {
        issues.push(
          issue(path, 'record.required', {
            en: `${labelOf(field.label, 'en')} is required`,
            'zh-CN': `${labelOf(field.label, 'zh-CN')}为必填项`,
          }),
        );
      }
      continue;
    }
    try {
      issues.push(...prefixIssues(path, type.validate(value, typed as never, ctx)));
    } catch {
      issues.push(
        issue(path, 'record.invalidValue', {
          en: `the value of ${labelOf(field.label, 'en')} cannot be read as ${field.type}`,
          'zh-CN': `${labelOf(field.label, 'zh-CN')}的值无法按 ${field.type} 类型读取`,
        }),
      );
    }
  }
  return issues;
}

function labelOf(
  label: string | { 'zh-CN'?: string; en?: string },
  locale: 'en' | 'zh-CN',
): string {
  if (typeof label === 'string') return `"${label}"`;
  return `"${label[locale] ?? label.en ?? label['zh-CN'] ?? ''}"`;
}
