import { type Static, Type } from 'typebox';
import { FilterOperator } from '../model/view.ts';
import { ErrorSchema, pageQueryFields } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** The types of a view's exports, by format. */
export const EXPORT_FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** The query parameters every view read takes: extra filters and a search text. */
export const viewFilterFields = {
  filter: Type.Optional(
    Type.String({
      maxLength: 20000,
      description:
        "a JSON array of { field, op, value } (op: eq ne gt gte lt lte in contains empty notEmpty between), all of which must hold with the view's own filters",
    }),
  ),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: "text searched for in the view's columns" }),
  ),
  locale: Type.Optional(Type.String({ description: 'zh-CN or en: labels and headers' })),
};

export const viewSortField = {
  sort: Type.Optional(
    Type.String({
      maxLength: 1000,
      description: "replaces the view's order: field:asc or field:desc, comma separated",
    }),
  ),
};

const fieldParts = {
  field: Type.String({ description: 'field id, or sub-table.column' }),
  label: Type.String({ description: "the field's label in the request's language" }),
  type: Type.String({ description: 'the field type, e.g. money, date, link' }),
  celType: Type.String({ description: 'how values compute: decimal, int, double, timestamp …' }),
  ops: Type.Array(FilterOperator, { description: 'the filter operators its field type offers' }),
  choices: Type.Optional(
    Type.Array(Type.Object({ value: Type.String(), label: Type.String() }), {
      description:
        "the values a filter picks from (a select's options), labelled in the request's language",
    }),
  ),
};
const Field = Type.Object(fieldParts);

export const ViewColumnSchema = Type.Object({
  ...fieldParts,
  width: Type.Optional(Type.Integer()),
  link: Type.Optional(
    Type.Object({ table: Type.String() }, { description: 'a link column: the linked table' }),
  ),
});

export const ViewAggregateSchema = Type.Object({
  id: Type.String(),
  fn: Type.String({ description: 'count, sum, avg, min or max' }),
  field: Type.Optional(Type.String()),
  label: Type.String(),
});

export const ViewDescriptionSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String({ description: "in the request's language" }),
    table: Type.String(),
    type: Type.String({ description: 'list or chart (view types of installed plugins)' }),
    columns: Type.Array(ViewColumnSchema),
    sorts: Type.Array(Type.Object({ field: Type.String(), direction: Type.String() })),
    groupBy: Type.Array(Field),
    aggregates: Type.Array(ViewAggregateSchema),
    config: Type.Record(Type.String(), Type.Unknown()),
  },
  { title: 'ViewDescription' },
);

export const LinkedRecordSchema = Type.Object({
  id: Type.String(),
  table: Type.String(),
  display: Type.Optional(Type.String({ description: 'its name, when it is in your row scope' })),
});

export const ViewRowSchema = Type.Object(
  {
    id: Type.String({ description: 'record:<ulid>' }),
    _rev: Type.String(),
    values: Type.Record(Type.String(), Type.Unknown(), {
      description: "the values of the view's columns, by column field",
    }),
    links: Type.Optional(
      Type.Record(Type.String(), Type.Array(LinkedRecordSchema), {
        description: 'for link columns: the records to open',
      }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'ViewRow' },
);

export const ViewRowsSchema = Type.Object(
  {
    items: Type.Array(ViewRowSchema),
    next: Type.Optional(Type.String({ description: 'cursor of the next page; absent at the end' })),
    total: Type.Integer({ description: 'rows of the view with these filters, in your row scope' }),
  },
  { title: 'ViewRows' },
);

const Aggregates = Type.Record(Type.String(), Type.Unknown(), {
  description: 'by aggregate id: counts as numbers, sums and averages of money as decimal text',
});

export const ViewSummarySchema = Type.Object(
  {
    groups: Type.Array(
      Type.Object({
        key: Type.Record(Type.String(), Type.Unknown(), {
          description: 'the value of each groupBy field (null when empty)',
        }),
        label: Type.String(),
        count: Type.Integer(),
        aggregates: Aggregates,
      }),
    ),
    totals: Aggregates,
    count: Type.Integer(),
  },
  { title: 'ViewSummary' },
);

export type ViewColumn = Static<typeof ViewColumnSchema>;
export type ViewAggregate = Static<typeof ViewAggregateSchema>;
export type ViewDescription = Static<typeof ViewDescriptionSchema>;
export type LinkedRecord = Static<typeof LinkedRecordSchema>;
export type ViewRow = Static<typeof ViewRowSchema>;
export type ViewRows = Static<typeof ViewRowsSchema>;
export type ViewSummary = Static<typeof ViewSummarySchema>;

const tags = ['views'];
const base = '/apps/:app/views/:view';

/**
 * Views (查询统计) of published apps: their descriptions, rows, group-by totals and exports.
 * Any signed-in user may call them; every read holds only the records of their row scope.
 */
export const viewsApi = {
  list: route({
    method: 'get',
    path: '/apps/:app/views',
    summary: {
      en: "The views of an app's latest published version",
      'zh-CN': '应用最新发布版本的视图',
    },
    description: {
      en: 'Headers in your language with field types, so a browser can draw a list or chart before reading rows.',
      'zh-CN': '以您的语言给出表头及字段类型，浏览器可在读取数据前绘制列表或图表。',
    },
    tags,
    query: Type.Object({ locale: viewFilterFields.locale }),
    responses: {
      200: Type.Object({ items: Type.Array(ViewDescriptionSchema) }, { title: 'ViewList' }),
      404: ErrorSchema,
    },
  }),
  rows: route({
    method: 'get',
    path: `${base}/rows`,
    summary: { en: "A view's rows", 'zh-CN': '视图的数据行' },
    description: {
      en: "The view's filters and yours (?filter), searched (?q), in the view's order or yours (?sort), page by page; only records in your row scope.",
      'zh-CN':
        '按视图的筛选条件及您的筛选（?filter）、搜索（?q），按视图或您指定的排序（?sort）分页返回；仅含您行权限范围内的记录。',
    },
    tags,
    query: Type.Object({ ...pageQueryFields, ...viewFilterFields, ...viewSortField }),
    responses: { 200: ViewRowsSchema, 404: ErrorSchema },
  }),
  summary: route({
    method: 'get',
    path: `${base}/summary`,
    summary: { en: "A view's group-by totals", 'zh-CN': '视图的分组统计' },
    description: {
      en: "One group per value of the view's groupBy fields, each with the view's aggregates (a count when it has none), and the totals; sums of money are exact decimal text. What a chart or a grouped table draws.",
      'zh-CN':
        '按视图的分组字段每个取值一组，每组含视图的统计项（未定义时为计数）及总计；金额合计为精确的十进制文本。供图表或分组表格使用。',
    },
    tags,
    query: Type.Object({ ...viewFilterFields }),
    responses: { 200: ViewSummarySchema, 404: ErrorSchema },
  }),
  export: route({
    method: 'get',
    path: `${base}/export`,
    summary: { en: 'Export a view to Excel or CSV', 'zh-CN': '导出视图为 Excel 或 CSV' },
    description: {
      en: "Every row of the view with its filters and yours, in your row scope, headers in your language. xlsx: numbers, money and dates typed; text never becomes a formula. CSV: UTF-8 with a BOM; text starting with = + - @ tab or CR gets a leading '.",
      'zh-CN':
        "导出视图（含其筛选及您的筛选）在您行权限范围内的全部数据，表头为您的语言。xlsx：数字、金额与日期为对应类型，文本绝不成为公式。CSV：UTF-8 带 BOM；以 = + - @ 制表符或回车开头的文本前加 '。",
    },
    tags,
    query: Type.Object({
      format: Type.Optional(
        Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { description: 'xlsx by default' }),
      ),
      ...viewFilterFields,
      ...viewSortField,
    }),
    responses: {
      200: {
        description: { en: 'The file, as a download', 'zh-CN': '文件（以附件下载）' },
        content: {
          [EXPORT_FORMATS.xlsx]: Type.String({ format: 'binary' }),
          'text/csv': Type.String(),
        },
      },
      404: ErrorSchema,
    },
  }),
};
