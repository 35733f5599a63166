import { type Bilingual, Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { MAX_IMPORT_ROWS } from './csv-table.ts';
import { importDepartments } from './import-departments.ts';
import { ImportReportSchema } from './import-report.ts';
import { importUsers } from './import-users.ts';
import { readCsvBody } from './read-csv-body.ts';

const DryRun = Type.Object({
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

type Importer = typeof importUsers;

/** One CSV import route: admins only, a dry run on request, the report of every refused row. */
function csvImportRoute(
  context: StoreContext,
  path: string,
  summary: Bilingual,
  description: Bilingual,
  run: Importer,
): ApiRoute {
  return defineRoute({
    method: 'post',
    path,
    summary,
    description,
    tags: ['import'],
    guard: guards.role('admin'),
    query: DryRun,
    rawBody: CsvBody,
    responses: { 200: ImportReportSchema, 415: ErrorSchema },
    handler: async (c, { query }) => {
      const text = await readCsvBody(c);
      const dryRun = query.dryRun === 'true';
      return c.json(await run(context, text, { dryRun, locale: localeOf(c) }));
    },
  });
}

/** CSV imports of users and departments, with a report of every row that was refused. */
export function importRoutes(context: StoreContext): ApiRoute[] {
  return [
    csvImportRoute(
      context,
      '/import/users',
      { en: 'Import users from CSV', 'zh-CN': '从 CSV 导入用户' },
      {
        en: `Columns (English or Chinese headers): username/用户名 (required), displayName/姓名, email/邮箱, password/密码 (required for new users), roles/角色 (e.g. "admin; user" or "管理员、用户"), active/启用, department/部门 (code or path like 总部/市场部), position/职位 (code or name), manager/上级 (username). Rows without errors are written, rows with errors are listed; at most ${MAX_IMPORT_ROWS} rows.`,
        'zh-CN': `列（表头可用中文或英文）：用户名/username（必填）、姓名/displayName、邮箱/email、密码/password（新用户必填）、角色/roles（如“管理员、用户”）、启用/active、部门/department（编码或“总部/市场部”这样的路径）、职位/position（编码或名称）、上级/manager（用户名）。没有错误的行会写入，有错误的行逐一列出；每次最多 ${MAX_IMPORT_ROWS} 行。`,
      },
      importUsers,
    ),
    csvImportRoute(
      context,
      '/import/departments',
      { en: 'Import departments from CSV', 'zh-CN': '从 CSV 导入部门' },
      {
        en: 'Columns: name/名称 (required), code/编码, parent/上级部门 (code or path, in the file or stored; any row order), head/负责人 (username). A row matching a stored department by code, else by path, updates it.',
        'zh-CN':
          '列：名称/name（必填）、编码/code、上级部门/parent（编码或路径，可在文件中或系统中；行的顺序不限）、负责人/head（用户名）。按编码（否则按路径）匹配到已有部门的行会更新该部门。',
      },
      importDepartments,
    ),
  ];
}
