import { Type } from 'typebox';
import type { Bilingual } from '../i18n/localized.ts';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** At most this many data rows per CSV import of users or departments (each new user costs a password hash, ~70 ms). */
export const ORGANISATION_IMPORT_MAX_ROWS = 5000;

/** At most this many data rows per table import (rule `import.maxRows`). */
export const TABLE_IMPORT_MAX_ROWS = 10_000;

/**
 * At most this many bytes per table import file (rule `import.maxFileBytes`); under the
 * server's 5 MB body limit, so this rule is the one a too-large file meets.
 */
export const TABLE_IMPORT_MAX_BYTES = 4 * 1024 * 1024;

/** A table import's preview shows this many rows; its counts cover the whole file. */
export const TABLE_IMPORT_PREVIEW_ROWS = 50;

export const ImportReportSchema = Type.Object(
  {
    dryRun: Type.Boolean({
      description: 'true: nothing was written; the counts say what would be',
    }),
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    errors: Type.Array(
      Type.Object({
        row: Type.Integer({ minimum: 2, description: 'as in a spreadsheet: the header is row 1' }),
        field: Type.String({ description: 'the column as written in the file' }),
        message: Type.String(),
      }),
    ),
  },
  { title: 'ImportReport' },
);

const Issue = Type.Object({
  field: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

/** A table import's answer: the preview of a dry run, or what was created and what failed. */
export const TableImportSchema = Type.Object(
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
        { description: `dry run: the first ${TABLE_IMPORT_PREVIEW_ROWS} rows` },
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

const CsvDryRun = Type.Object({
  dryRun: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description: 'true: check every row and report, write nothing',
    }),
  ),
});

const CsvBody = {
  description: {
    en: 'UTF-8 (a BOM is fine) or GB18030 with charset=gb18030',
    'zh-CN': 'UTF-8（可带 BOM）或注明 charset=gb18030 的 GB18030',
  },
  content: { 'text/csv': Type.String() },
};

/** One CSV import of the organisation: a dry run on request, the report of every refused row. */
const csvImport = <const P extends string>(path: P, summary: Bilingual, description: Bilingual) =>
  route({
    method: 'post',
    path,
    summary,
    description,
    tags: ['import'],
    query: CsvDryRun,
    rawBody: CsvBody,
    responses: { 200: ImportReportSchema, 415: ErrorSchema },
  });

const TableDryRun = Type.Object({
  dryRun: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description: 'true (default): preview, write nothing; false: create every valid row',
    }),
  ),
  locale: Type.Optional(Type.String()),
});

const megabytes = TABLE_IMPORT_MAX_BYTES / 1024 / 1024;

/** Imports: users and departments from CSV (admins), and rows of a table from Excel or CSV. */
export const importsApi = {
  users: csvImport(
    '/import/users',
    { en: 'Import users from CSV', 'zh-CN': '从 CSV 导入用户' },
    {
      en: `Columns (English or Chinese headers): username/用户名 (required), displayName/姓名, email/邮箱, password/密码 (required for new users), roles/角色 (e.g. "admin; user" or "管理员、用户"), active/启用, department/部门 (code or path like 总部/市场部), position/职位 (code or name), manager/上级 (username). Rows without errors are written, rows with errors are listed; at most ${ORGANISATION_IMPORT_MAX_ROWS} rows.`,
      'zh-CN': `列（表头可用中文或英文）：用户名/username（必填）、姓名/displayName、邮箱/email、密码/password（新用户必填）、角色/roles（如“管理员、用户”）、启用/active、部门/department（编码或“总部/市场部”这样的路径）、职位/position（编码或名称）、上级/manager（用户名）。没有错误的行会写入，有错误的行逐一列出；每次最多 ${ORGANISATION_IMPORT_MAX_ROWS} 行。`,
    },
  ),
  departments: csvImport(
    '/import/departments',
    { en: 'Import departments from CSV', 'zh-CN': '从 CSV 导入部门' },
    {
      en: 'Columns: name/名称 (required), code/编码, parent/上级部门 (code or path, in the file or stored; any row order), head/负责人 (username). A row matching a stored department by code, else by path, updates it.',
      'zh-CN':
        '列：名称/name（必填）、编码/code、上级部门/parent（编码或路径，可在文件中或系统中；行的顺序不限）、负责人/head（用户名）。按编码（否则按路径）匹配到已有部门的行会更新该部门。',
    },
  ),
  table: route({
    method: 'post',
    path: '/apps/:app/tables/:table/import',
    summary: { en: 'Import rows from Excel or CSV', 'zh-CN': '从 Excel 或 CSV 导入数据' },
    description: {
      en: `multipart/form-data with one part named file: .xlsx (first sheet) or UTF-8 .csv, at most ${megabytes} MB and ${TABLE_IMPORT_MAX_ROWS} rows. Row 1 names the columns by field id or label (Chinese or English). ?dryRun=true previews; ?dryRun=false creates every valid row as you (your app role, row scope, audit), each under Idempotency-Key + its row number, so retrying with the same key creates nothing twice.`,
      'zh-CN': `multipart/form-data，含一个名为 file 的部分：.xlsx（第一个工作表）或 UTF-8 编码的 .csv，最大 ${megabytes} MB、${TABLE_IMPORT_MAX_ROWS} 行。第一行为列名（字段 ID 或中英文名称）。?dryRun=true 只预览；?dryRun=false 以您的身份（应用角色、行权限、审计）创建每一条有效的行，每行使用 Idempotency-Key 加行号，用同一个键重试不会重复创建。`,
    },
    tags: ['records'],
    query: TableDryRun,
    rawBody: {
      content: {
        'multipart/form-data': Type.Object({ file: Type.String({ format: 'binary' }) }),
      },
    },
    responses: { 200: TableImportSchema, 403: ErrorSchema, 404: ErrorSchema, 413: ErrorSchema },
  }),
};
