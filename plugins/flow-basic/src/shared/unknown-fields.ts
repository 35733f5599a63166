import { type Issue, issue, pointer, type TableDefinition } from '@tessera/core';

/** An issue for each key of `mapping` that is not a field of `table`, at `base/<key>`. */
export function unknownFields(
  base: string,
  mapping: Readonly<Record<string, unknown>> | undefined,
  table: TableDefinition,
  code: string,
): Issue[] {
  const fields = new Set(table.fields.map((field) => field.id));
  return Object.keys(mapping ?? {})
    .filter((key) => !fields.has(key))
    .map((key) =>
      issue(pointer(base, key), code, {
        en: `"${key}" is not a field of table "${table.id}"`,
        'zh-CN': `"${key}" 不是表 "${table.id}" 的字段`,
      }),
    );
}
