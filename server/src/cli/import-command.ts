import { readFile } from 'node:fs/promises';
import type { PouchStorage } from '@tessera/runtime';
import { ApiError } from '../http/api-error.ts';
import { importDepartments } from '../organisation/import-departments.ts';
import type { ImportOptions, ImportReport } from '../organisation/import-report.ts';
import { importUsers } from '../organisation/import-users.ts';
import { ensureStorageIndexes } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { ArgsError, parseArgs } from './cli-args.ts';
import { cliLocale } from './cli-locale.ts';
import { progressPrinter } from './progress.ts';

type Importer = (
  context: StoreContext,
  text: string,
  options: ImportOptions,
) => Promise<ImportReport>;

const IMPORTERS: Readonly<Record<string, { importer: Importer; what: string }>> = {
  users: { importer: importUsers, what: 'users' },
  departments: { importer: importDepartments, what: 'departments' },
};

/**
 * The text of a CSV file: UTF-8 (a BOM is fine), else GB18030 — what Excel in Chinese saves as
 * "CSV". Bytes valid in neither are refused rather than stored as mojibake.
 */
export async function readCsvFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  throw new Error(`${path} is neither UTF-8 nor GB18030 text; save it as "CSV UTF-8"`);
}

/**
 * `tessera users import FILE.csv [--dry-run]` and `tessera departments import FILE.csv
 * [--dry-run]`: the API's CSV imports from the command line. Prints progress while writing, then
 * the counts and one line per refused row (row, column, message); exits 1 when any row failed.
 */
export async function importCommand(
  kind: string,
  args: readonly string[],
  openStorage: () => Promise<PouchStorage>,
  here: (path: string) => string,
): Promise<number> {
  const target = IMPORTERS[kind];
  if (!target) throw new ArgsError(`unknown command "${kind}"`);
  const { positional, flags } = parseArgs(args, { 'dry-run': 'switch' });
  const [action, file, ...extra] = positional;
  if (action !== 'import') {
    throw new ArgsError(action ? `unknown ${kind} action "${action}"` : `${kind} needs an action`);
  }
  if (!file) throw new ArgsError(`${kind} import needs the FILE.csv to read`);
  if (extra.length > 0) throw new ArgsError(`unexpected "${extra.join(' ')}"`);
  const dryRun = flags.has('dry-run');
  const locale = cliLocale();
  const text = await readCsvFile(here(file));
  const storage = await openStorage();
  let report: ImportReport;
  try {
    await ensureStorageIndexes(storage);
    const progress = progressPrinter('imported');
    report = await target.importer({ storage, now: Date.now }, text, {
      dryRun,
      locale,
      onProgress: (done, total) => done > 0 && progress(done, total),
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    console.error(`tessera: ${file}: ${error.detail[locale]}`); // the file as a whole: a column
    return 1;
  } finally {
    await storage.close();
  }
  printReport(report, target.what, here(file));
  return report.errors.length > 0 ? 1 : 0;
}

function printReport(report: ImportReport, what: string, file: string) {
  const failedRows = new Set(report.errors.map((error) => error.row)).size;
  const failed =
    failedRows === 0 ? '' : `; ${failedRows} ${failedRows === 1 ? 'row' : 'rows'} failed`;
  console.log(
    report.dryRun
      ? `Dry run of ${file}, nothing written: would create ${report.created} and update ${report.updated} ${what}${failed}`
      : `Imported ${what} from ${file}: ${report.created} created, ${report.updated} updated${failed}`,
  );
  if (report.errors.length === 0) return;
  const rows = report.errors.map((error) => ({
    row: String(error.row),
    column: error.field,
    message: error.message,
  }));
  const rowWidth = Math.max(3, ...rows.map((line) => line.row.length));
  const columnWidth = Math.max(6, ...rows.map((line) => line.column.length));
  const line = (row: string, column: string, message: string) =>
    `${row.padEnd(rowWidth)}  ${column.padEnd(columnWidth)}  ${message}`;
  console.log(line('row', 'column', 'message'));
  for (const { row, column, message } of rows) console.log(line(row, column, message));
}
