import { defineFieldType, type JsonSchema } from '@tessera/core';
import { isBlank } from '../shared/guards.ts';
import { checkColumns } from './check-columns.ts';
import { rowContext, rowTable, typedColumn } from './columns.ts';
import { cellsFromCel, cellsToCel } from './convert-cells.ts';
import { normalizeRows } from './normalize-rows.ts';
import { rowFileReferences } from './row-file-references.ts';
import { maxRowsOf, SubTableConfig } from './sub-table-config.ts';
import { validateRows } from './validate-rows.ts';

/** 明细表: line items, a list of rows whose cells are typed by the column fields' own types. */
export const subTableField = defineFieldType({
  type: 'sub-table',
  label: { 'zh-CN': '明细表', en: 'Sub-table' },
  config: SubTableConfig,
  valueSchema(field, ctx) {
    const row = rowContext(ctx, rowTable(field, ctx.table));
    const properties: Record<string, JsonSchema> = {};
    for (const column of field.config.fields) {
      const type = ctx.fieldType(column.type);
      properties[column.id] = type ? type.valueSchema(typedColumn(column), row) : {};
    }
    const required = field.config.fields
      .filter((column) => column.required)
      .map((column) => column.id);
    return {
      type: 'array',
      items: { type: 'object', properties, required, additionalProperties: false },
      maxItems: maxRowsOf(field.config),
      ...(field.config.minRows === undefined ? {} : { minItems: field.config.minRows }),
    };
  },
  celType: () => 'list',
  toCel: (value, field) => cellsToCel(value, field.config.fields),
  fromCel: (value, field) => cellsFromCel(value, field.config.fields),
  normalize: (value, field, ctx) => normalizeRows(value, field.config.fields, ctx),
  columns: (field) => field.config.fields,
  validate: (value, field, ctx) => validateRows(value, field.config, ctx),
  defaultValue: () => [],
  checkDefinition: checkColumns,
  files: { references: rowFileReferences },
  compare: (a, b) => (Array.isArray(a) ? a.length : 0) - (Array.isArray(b) ? b.length : 0),
  designer: {
    group: 'advanced',
    icon: 'table',
    defaultConfig: () => ({
      fields: [
        { id: 'item', type: 'text', label: { 'zh-CN': '名称', en: 'Item' }, required: true },
        {
          id: 'amount',
          type: 'money',
          label: { 'zh-CN': '金额', en: 'Amount' },
          config: { scale: 2 },
        },
      ],
      totals: [{ field: 'amount', fn: 'sum' }],
    }),
  },
  form: {
    element: 'tessera-field-sub-table',
    format: (value, _field, locale) => {
      const count = Array.isArray(value) ? value.length : 0;
      return locale === 'zh-CN' ? `${count} 行` : `${count} ${count === 1 ? 'row' : 'rows'}`;
    },
    isEmpty: isBlank,
  },
});
