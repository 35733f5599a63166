import type {
  DictionaryDefinition,
  FieldContext,
  FieldDefinition,
  FieldOf,
  FieldTypeDefinition,
  Issue,
  TableDefinition,
  ValueContext,
} from '@tessera/core';
import { issue } from '@tessera/core';
import { fieldBasic } from '../src/index.ts';

export const types: ReadonlyMap<string, FieldTypeDefinition> = new Map(
  fieldBasic.fieldTypes.map((type) => [type.type, type as FieldTypeDefinition]),
);

/** A field of `type` with `config`, as a field type's hooks receive it. */
export function field<C>(
  type: string,
  config: C,
  extra: Partial<FieldDefinition> = {},
): FieldOf<C> {
  return { id: 'f', type, label: { 'zh-CN': '字段', en: 'Field' }, ...extra, config };
}

/** `path code` of each issue: what tests compare. */
export const codes = (found: readonly Issue[]) => found.map((one) => `${one.path} ${one.code}`);

export const dictionaries: DictionaryDefinition[] = [
  {
    id: 'colors',
    label: 'Colors',
    items: [
      { value: 'red', label: { 'zh-CN': '红', en: 'Red' } },
      { value: 'blue', label: { 'zh-CN': '蓝', en: 'Blue' }, disabled: true },
    ],
  },
];

export function valueCtx(): ValueContext {
  return {
    locale: 'en',
    dictionary: (id) => dictionaries.find((one) => one.id === id),
    fieldType: (type) => types.get(type),
  };
}

const typed = (column: FieldDefinition) => ({ ...column, config: column.config ?? {} });

/**
 * A stand-in for core's context. Its expression checker knows literals and field ids only:
 * `12` is int, `1.5` double, `"x"` string, `true` bool, a field id has its field's CEL type.
 */
export function fieldCtx(table: TableDefinition, tables: TableDefinition[] = []): FieldContext {
  const ctx: FieldContext = {
    app: { schemaVersion: 1, id: 'app', label: 'App', tables: [table, ...tables], dictionaries },
    table,
    dictionary: (id) => dictionaries.find((one) => one.id === id),
    tableById: (id) => [table, ...tables].find((one) => one.id === id),
    celTypeOf: (_table, f) => types.get(f.type)?.celType(typed(f), ctx) ?? 'dyn',
    checkExpression(source, path, expect, scope = ctx.table) {
      const column = scope.fields.find((f) => f.id === source);
      const type = /^\d+$/.test(source)
        ? 'int'
        : /^\d+\.\d+$/.test(source)
          ? 'double'
          : /^".*"$/.test(source)
            ? 'string'
            : /^(true|false)$/.test(source)
              ? 'bool'
              : column
                ? ctx.celTypeOf(scope, column)
                : undefined;
      if (type === undefined) {
        return [
          issue(path, 'expression.unknown', { en: `unknown ${source}`, 'zh-CN': `未知 ${source}` }),
        ];
      }
      if (expect && expect !== type) {
        return [issue(path, 'expression.type', { en: `gives ${type}`, 'zh-CN': `结果为 ${type}` })];
      }
      return [];
    },
    fieldType: (type) => types.get(type),
  };
  return ctx;
}

export function table(id: string, fields: FieldDefinition[]): TableDefinition {
  return { id, label: id, kind: 'master', fields };
}
