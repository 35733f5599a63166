import { defineViewType, Type } from '@tessera/core';

export const ListConfig = Type.Object(
  {
    /** Rows per page. */
    pageSize: Type.Optional(Type.Integer({ minimum: 10, maximum: 500, default: 50 })),
    /** Whether a row-number column is shown first. */
    showRowNumbers: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

/** A paged table of records (列表): the view's columns, filters and sorts. */
export const listView = defineViewType({
  type: 'list',
  label: { 'zh-CN': '列表', en: 'List' },
  description: { 'zh-CN': '分页列出记录', en: 'Lists records page by page' },
  config: ListConfig,
  aggregates: false,
  element: 'tessera-view-list',
  designer: { icon: 'table', defaultConfig: () => ({ pageSize: 50 }) },
});
