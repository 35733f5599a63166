import { Type } from '@tessera/core';
import type { Context } from 'hono';
import { contentDisposition } from '../files/content-disposition.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import { pageOf, pageQueryFields } from '../storage/read-page.ts';
import { describeView } from './describe-view.ts';
import { EXPORT_FORMATS, exportFile } from './export-file.ts';
import { viewFilterFields, viewRequestOf, viewSortField } from './view-query-params.ts';
import { ViewDescriptionSchema, ViewRowsSchema, ViewSummarySchema } from './view-schemas.ts';
import type { ViewService, ViewsContext } from './view-service.ts';

const tags = ['views'];
const base = '/apps/:app/views/:view';

const ExportQuery = Type.Object({
  format: Type.Optional(
    Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { description: 'xlsx by default' }),
  ),
  ...viewFilterFields,
  ...viewSortField,
});

/**
 * Views (查询统计) of published apps: their descriptions, rows, group-by totals and exports.
 * Any signed-in user may call them; every read holds only the records of their row scope.
 */
export function viewRoutes(context: ViewsContext, views: ViewService): ApiRoute[] {
  const open = async (
    c: Context<ApiEnv>,
    query: { filter?: string; q?: string; sort?: string },
  ) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('view routes are guarded: a principal is present');
    const caller = await callerOf(context.storage, principal);
    const locale = localeOf(c);
    const request = viewRequestOf(query);
    const opened = await views.open(
      c.req.param('app') ?? '',
      c.req.param('view') ?? '',
      caller,
      request,
      locale,
    );
    return { opened, locale };
  };
  return [
    defineRoute({
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
      guard: guards.signedIn(),
      query: Type.Object({ locale: viewFilterFields.locale }),
      responses: {
        200: Type.Object({ items: Type.Array(ViewDescriptionSchema) }, { title: 'ViewList' }),
        404: ErrorSchema,
      },
      handler: async (c) => {
        const locale = localeOf(c);
        const { app, views: defined } = await views.definitions(c.req.param('app') ?? '');
        return c.json({
          items: defined.map((view) => describeView(context.platform, app, view, locale)),
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/rows`,
      summary: { en: "A view's rows", 'zh-CN': '视图的数据行' },
      description: {
        en: "The view's filters and yours (?filter), searched (?q), in the view's order or yours (?sort), page by page; only records in your row scope.",
        'zh-CN':
          '按视图的筛选条件及您的筛选（?filter）、搜索（?q），按视图或您指定的排序（?sort）分页返回；仅含您行权限范围内的记录。',
      },
      tags,
      guard: guards.signedIn(),
      query: Type.Object({ ...pageQueryFields, ...viewFilterFields, ...viewSortField }),
      responses: { 200: ViewRowsSchema, 404: ErrorSchema },
      handler: async (c, { query }) => {
        const page = pageOf(query);
        const { opened, locale } = await open(c, query);
        return c.json(await views.rows(opened, page, locale));
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/summary`,
      summary: { en: "A view's group-by totals", 'zh-CN': '视图的分组统计' },
      description: {
        en: "One group per value of the view's groupBy fields, each with the view's aggregates (a count when it has none), and the totals; sums of money are exact decimal text. What a chart or a grouped table draws.",
        'zh-CN':
          '按视图的分组字段每个取值一组，每组含视图的统计项（未定义时为计数）及总计；金额合计为精确的十进制文本。供图表或分组表格使用。',
      },
      tags,
      guard: guards.signedIn(),
      query: Type.Object({ ...viewFilterFields }),
      responses: { 200: ViewSummarySchema, 404: ErrorSchema },
      handler: async (c, { query }) => {
        const { opened, locale } = await open(c, query);
        return c.json(await views.summary(opened, locale));
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/export`,
      summary: { en: 'Export a view to Excel or CSV', 'zh-CN': '导出视图为 Excel 或 CSV' },
      description: {
        en: "Every row of the view with its filters and yours, in your row scope, headers in your language. xlsx: numbers, money and dates typed; text never becomes a formula. CSV: UTF-8 with a BOM; text starting with = + - @ tab or CR gets a leading '.",
        'zh-CN':
          "导出视图（含其筛选及您的筛选）在您行权限范围内的全部数据，表头为您的语言。xlsx：数字、金额与日期为对应类型，文本绝不成为公式。CSV：UTF-8 带 BOM；以 = + - @ 制表符或回车开头的文本前加 '。",
      },
      tags,
      guard: guards.signedIn(),
      query: ExportQuery,
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
      handler: async (c, { query }) => {
        const format = query.format ?? 'xlsx';
        const { opened, locale } = await open(c, query);
        const rows = await views.allRows(opened, locale);
        const file = await exportFile(opened, rows, format, locale, new Date(context.now()));
        return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': file.type,
          'Content-Length': String(file.bytes.byteLength),
          'Content-Disposition': contentDisposition(file.name),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-cache',
        });
      },
    }),
  ];
}
