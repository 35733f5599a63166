import { Type } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { idempotencyKeyOf } from '../http/idempotency-key.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import type { RecordService, RecordsContext } from '../records/record-service.ts';
import { keyRequired } from './import-errors.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, PREVIEW_ROWS } from './import-limits.ts';
import { tableImporter } from './import-table.ts';
import { readImportFile } from './read-import-file.ts';

const Issue = Type.Object({
  field: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

const ImportAnswerSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    columns: Type.Array(
      Type.Object({
        header: Type.String(),
        field: Type.Union([Type.String(), Type.Null()]),
        issue: Type.Optional(Type.String()),
      }),
    ),
    missing: Type.Array(Issue, { description: 'required fields no column fills' }),
    rows: Type.Optional(
      Type.Array(
        Type.Object({
          row: Type.Integer(),
          values: Type.Record(Type.String(), Type.Unknown()),
          issues: Type.Array(Issue),
        }),
        { description: `dry run: the first ${PREVIEW_ROWS} rows` },
      ),
    ),
    created: Type.Optional(
      Type.Array(
        Type.Object({
          row: Type.Integer(),
          id: Type.String(),
          replayed: Type.Optional(Type.Boolean()),
        }),
      ),
    ),
    failed: Type.Optional(
      Type.Array(Type.Object({ row: Type.Integer(), issues: Type.Array(Issue) })),
    ),
    counts: Type.Object({ total: Type.Integer(), valid: Type.Integer(), invalid: Type.Integer() }),
  },
  { title: 'TableImport' },
);

const DryRun = Type.Object({
  dryRun: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description: 'true (default): preview, write nothing; false: create every valid row',
    }),
  ),
  locale: Type.Optional(Type.String()),
});

/** Importing rows of an Excel or CSV file into a table of a published app. */
export function tableImportRoutes(context: RecordsContext, records: RecordService): ApiRoute[] {
  const importer = tableImporter(context, records);
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('import routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  return [
    defineRoute({
      method: 'post',
      path: '/apps/:app/tables/:table/import',
      summary: { en: 'Import rows from Excel or CSV', 'zh-CN': '从 Excel 或 CSV 导入数据' },
      description: {
        en: `multipart/form-data with one part named file: .xlsx (first sheet) or UTF-8 .csv, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS} rows. Row 1 names the columns by field id or label (Chinese or English). ?dryRun=true previews; ?dryRun=false creates every valid row as you (your app role, row scope, audit), each under Idempotency-Key + its row number, so retrying with the same key creates nothing twice.`,
        'zh-CN': `multipart/form-data，含一个名为 file 的部分：.xlsx（第一个工作表）或 UTF-8 编码的 .csv，最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB、${MAX_IMPORT_ROWS} 行。第一行为列名（字段 ID 或中英文名称）。?dryRun=true 只预览；?dryRun=false 以您的身份（应用角色、行权限、审计）创建每一条有效的行，每行使用 Idempotency-Key 加行号，用同一个键重试不会重复创建。`,
      },
      tags: ['records'],
      guard: guards.signedIn(),
      query: DryRun,
      rawBody: {
        content: {
          'multipart/form-data': Type.Object({ file: Type.String({ format: 'binary' }) }),
        },
      },
      responses: { 200: ImportAnswerSchema, 403: ErrorSchema, 404: ErrorSchema, 413: ErrorSchema },
      handler: async (c, { query }) => {
        const locale = localeOf(c);
        const dryRun = query.dryRun !== 'false';
        const key = idempotencyKeyOf(c);
        if (!dryRun && key === undefined) throw keyRequired();
        const request = {
          app: c.req.param('app') ?? '',
          table: c.req.param('table') ?? '',
          grid: await readImportFile(c),
          caller: await caller(c),
          locale,
        };
        if (dryRun) return c.json(await importer.preview(request));
        return c.json(await importer.commit({ ...request, key: key! }));
      },
    }),
  ];
}
