import {
  type FieldDefinition,
  type Issue,
  issue,
  type Locale,
  type Platform,
  pointer,
  SYSTEM_KEYS,
} from '@tessera/core';
import { sanitizeRichText } from '@tessera/plugin-field-basic';
import { computeValues, type ExpressionUser } from './computed-values.ts';
import type { PublishedTable } from './published-apps.ts';
import { invalidValues } from './record-errors.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keys the client may not set: the platform's own, and fields the platform derives. */
function refusedKeys(platform: Platform, target: PublishedTable, values: object): Issue[] {
  const fields = new Map(target.table.fields.map((field) => [field.id, field]));
  const found: Issue[] = [];
  for (const key of Object.keys(values)) {
    const field = fields.get(key);
    if (!field && SYSTEM_KEYS.has(key)) {
      found.push(
        issue(pointer('', key), 'record.systemKey', {
          en: `"${key}" is set by the platform, not in values`,
          'zh-CN': `“${key}”由平台设置，不能出现在 values 中`,
        }),
      );
    } else if (field && platform.fieldTypes.get(field.type)?.derived) {
      found.push(
        issue(pointer('', key), 'record.derived', {
          en: `"${key}" is computed by the platform and cannot be given`,
          'zh-CN': `“${key}”由平台计算，不能填写`,
        }),
      );
    }
  }
  return found;
}

/** Rich text as the sanitiser leaves it: top-level fields and sub-table columns. */
function sanitize(fields: readonly FieldDefinition[], values: Record<string, unknown>) {
  for (const field of fields) {
    const value = values[field.id];
    if (field.type === 'rich-text' && typeof value === 'string') {
      values[field.id] = sanitizeRichText(value);
    } else if (field.type === 'sub-table' && Array.isArray(value)) {
      const columns = field.config?.fields;
      if (!Array.isArray(columns)) continue;
      values[field.id] = value.map((row: unknown) => {
        if (!isObject(row)) return row;
        const copy = { ...row };
        sanitize(columns as FieldDefinition[], copy);
        return copy;
      });
    }
  }
}

/**
 * The values to store: `input` over `base` (a PATCH over the stored values), derived and
 * system keys of `input` refused, empty values (null) left out (so a PATCH with null clears a
 * field), rich text sanitised, checked by the platform's `validateRecord` (the browser's
 * rules), then the computed fields recomputed whatever they held. Throws a 400 naming the
 * first issue's field (`/values/amount`).
 */
export function prepareValues(
  platform: Platform,
  target: PublishedTable,
  input: Readonly<Record<string, unknown>>,
  context: { readonly locale: Locale; readonly now: string; readonly user: ExpressionUser },
  base: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const refused = refusedKeys(platform, target, input);
  if (refused.length > 0) throw invalidValues(refused, context.locale);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...base, ...input })) {
    if (value !== null && value !== undefined) values[key] = value;
  }
  sanitize(target.table.fields, values);
  const issues = platform.validateRecord(target.app, target.table.id, values, context.locale);
  if (issues.length > 0) throw invalidValues(issues, context.locale);
  return computeValues(platform, target, values, context);
}
