import type { Locale } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import { readAppRoles } from '../records/app-roles.ts';
import type { RecordCaller } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { noAppRole } from '../records/record-errors.ts';
import type { RecordService, RecordsContext } from '../records/record-service.ts';
import { tableAccess } from '../records/row-scope.ts';
import { noHeaderRow, tooManyRows } from './import-errors.ts';
import { MAX_IMPORT_ROWS, PREVIEW_ROWS } from './import-limits.ts';
import { convertRows, fieldOfPath, type ImportRow, type RowIssue } from './import-rows.ts';
import { matchColumns } from './match-columns.ts';
import type { SheetGrid } from './sheet-grid.ts';

export interface ImportColumn {
  readonly header: string;
  readonly field: string | null;
  /** Why the column is left out (unknown, repeated, not importable). */
  readonly issue?: string;
}

export interface ImportCounts {
  readonly total: number;
  readonly valid: number;
  readonly invalid: number;
}

export interface ImportPreview {
  readonly dryRun: true;
  readonly columns: readonly ImportColumn[];
  /** Required fields no column fills (every row then lacks them). */
  readonly missing: readonly RowIssue[];
  readonly rows: readonly ImportRow[];
  readonly counts: ImportCounts;
}

export interface ImportOutcome {
  readonly dryRun: false;
  readonly columns: readonly ImportColumn[];
  readonly missing: readonly RowIssue[];
  /** `replayed`: an earlier try with the same Idempotency-Key made this record. */
  readonly created: readonly { row: number; id: string; replayed?: true }[];
  readonly failed: readonly { row: number; issues: readonly RowIssue[] }[];
  readonly counts: ImportCounts;
}

export interface ImportRequest {
  readonly app: string;
  readonly table: string;
  readonly grid: SheetGrid;
  readonly caller: RecordCaller;
  readonly locale: Locale;
  /** The client's Idempotency-Key; each row's key is `<key>#<row>`. Absent for a dry run. */
  readonly key?: string;
}

/** A record service refusal as row issues: `invalid_record` lists them with their pointers. */
function issuesOf(error: ApiError, locale: Locale): RowIssue[] {
  const listed = error.extra.issues;
  if (Array.isArray(listed) && listed.length > 0) {
    return listed.map((one: { path?: string; message?: string }) => ({
      field: fieldOfPath(String(one.path ?? '').replace(/^\/values/, '')),
      message: String(one.message ?? ''),
    }));
  }
  const field = error.field?.startsWith('/values/') ? fieldOfPath(error.field.slice(7)) : null;
  return [{ field, message: error.detail[locale] }];
}

/**
 * Imports the rows of a sheet into a table. A dry run converts and validates every row (the
 * platform's record rules) and shows the first rows; otherwise every row without conversion
 * issues goes through the record service's `create` — the same validation, computed values,
 * auto-numbers, row scope and audit as one created by hand — one row at a time, each under
 * its own idempotency key, so a retried import replays the rows it made and adds none twice.
 * A row is one record, written whole or not at all.
 */
export function tableImporter(context: RecordsContext, records: RecordService) {
  const published = publishedApps(context.storage);
  const { platform } = context;

  const prepare = async (request: ImportRequest) => {
    const [header] = request.grid.cells;
    if (!header || header.every((cell) => cell.trim() === '')) throw noHeaderRow();
    const target = published.table(await published.latest(request.app), request.table);
    const mapping = await readAppRoles(context.storage, request.app);
    if (!tableAccess(request.caller, mapping, request.table).member) throw noAppRole(request.app);
    const data = request.grid.cells.slice(1).filter((line) => line.some((cell) => cell.trim()));
    if (data.length > MAX_IMPORT_ROWS) throw tooManyRows(data.length);
    const match = matchColumns(platform, target.table, header);
    const rows = await convertRows(context, platform, target, request.grid, match, request.locale);
    const columns = match.columns.map(({ header: text, field, issue }) => ({
      header: text,
      field,
      ...(issue ? { issue: issue[request.locale] } : {}),
    }));
    const missing = match.missing.map((field) => ({
      field: field.id,
      message: {
        en: `required field "${field.id}" has no column`,
        'zh-CN': `必填字段“${field.id}”没有对应的列`,
      }[request.locale],
    }));
    return { target, rows, columns, missing };
  };

  return {
    async preview(request: ImportRequest): Promise<ImportPreview> {
      const { target, rows, columns, missing } = await prepare(request);
      let valid = 0;
      const checked = rows.map((row): ImportRow => {
        const issues = [...row.issues];
        for (const found of platform.validateRecord(
          target.app,
          target.table.id,
          row.values,
          request.locale,
        )) {
          const field = fieldOfPath(found.path);
          // a cell that did not convert is reported once, by its conversion issue
          if (!row.issues.some((one) => one.field !== null && one.field === field)) {
            issues.push({ field, message: found.message[request.locale] });
          }
        }
        if (issues.length === 0) valid += 1;
        return { ...row, issues };
      });
      return {
        dryRun: true,
        columns,
        missing,
        rows: checked.slice(0, PREVIEW_ROWS),
        counts: { total: rows.length, valid, invalid: rows.length - valid },
      };
    },

    async commit(request: ImportRequest & { readonly key: string }): Promise<ImportOutcome> {
      const { rows, columns, missing } = await prepare(request);
      const created: { row: number; id: string; replayed?: true }[] = [];
      const failed: { row: number; issues: RowIssue[] }[] = [];
      for (const row of rows) {
        if (row.issues.length > 0) {
          failed.push({ row: row.row, issues: row.issues });
          continue;
        }
        try {
          const made = await records.create(
            request.app,
            request.table,
            row.values,
            request.caller,
            {
              locale: request.locale,
              idempotencyKey: `${request.key}#${row.row}`,
            },
          );
          created.push({
            row: row.row,
            id: made.record.id,
            ...(made.replayed ? { replayed: true as const } : {}),
          });
        } catch (error) {
          // a refusal of this row is reported with it; anything else stops the import
          if (!(error instanceof ApiError) || error.status >= 500 || error.status === 403) {
            throw error;
          }
          failed.push({ row: row.row, issues: issuesOf(error, request.locale) });
        }
      }
      return {
        dryRun: false,
        columns,
        missing,
        created,
        failed,
        counts: { total: rows.length, valid: created.length, invalid: failed.length },
      };
    },
  };
}
