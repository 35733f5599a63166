import { ORGANISATION_IMPORT_MAX_ROWS as MAX_IMPORT_ROWS } from '@tessera/core/api';
import Papa from 'papaparse';
import { ApiError } from '../http/api-error.ts';

/** The columns an import accepts: canonical key → the header names that mean it. */
export type ColumnAliases<K extends string> = Readonly<Record<K, readonly string[]>>;

/** One data row: `row` counts like a spreadsheet (the header is row 1). */
export interface CsvRow<K extends string> {
  readonly row: number;
  /** Trimmed cells by column key; an empty cell is left out. */
  readonly cells: Partial<Record<K, string>>;
  /** A problem with the row itself (bad quotes, too many cells), if any. */
  readonly problem?: { readonly en: string; readonly 'zh-CN': string };
}

export interface CsvTable<K extends string> {
  readonly rows: readonly CsvRow<K>[];
  /** The header of a column as written in the file, for error reports. */
  readonly headerOf: (key: K) => string;
}

const normalize = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/**
 * Parses CSV text with papaparse (quotes, embedded newlines, `,` `;` or tab as the delimiter
 * — whichever the file uses; a UTF-8 BOM is dropped). Headers are matched to columns ignoring
 * case, spaces, `_` and `-`, in English or Chinese. A missing required column, an unknown or
 * repeated column is a 400 for the whole file; problems of one row are reported with the row.
 */
export function parseCsv<K extends string>(
  text: string,
  columns: ColumnAliases<K>,
  required: readonly NoInfer<K>[],
): CsvTable<K> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [header = [], ...data] = parsed.data;
  const lookup = new Map<string, K>();
  for (const [key, names] of Object.entries(columns) as [K, readonly string[]][]) {
    for (const name of [key, ...names]) lookup.set(normalize(name), key);
  }
  const keys: K[] = [];
  const written = new Map<K, string>();
  for (const cell of header) {
    const key = lookup.get(normalize(cell));
    if (key === undefined) throw fileError('unknown_column', unknownColumn(cell, columns));
    if (written.has(key)) throw fileError('repeated_column', repeated(cell, written.get(key)!));
    keys.push(key);
    written.set(key, cell.trim());
  }
  for (const key of required) {
    if (!written.has(key)) throw fileError('missing_column', missing(key, columns));
  }
  const broken = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.type !== 'Delimiter' && error.row !== undefined) broken.set(error.row, error.message);
  }
  const rows: CsvRow<K>[] = [];
  data.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return; // blank line
    const row = index + 2;
    const values: Partial<Record<K, string>> = {};
    keys.forEach((key, at) => {
      const value = cells[at]?.trim();
      if (value) values[key] = value;
    });
    const quoteProblem = broken.get(index + 1);
    const problem = quoteProblem
      ? { en: `the row cannot be read: ${quoteProblem}`, 'zh-CN': `该行无法解析：${quoteProblem}` }
      : cells.length > keys.length
        ? {
            en: `the row has ${cells.length} cells but the header has ${keys.length}`,
            'zh-CN': `该行有 ${cells.length} 个单元格，而表头只有 ${keys.length} 列`,
          }
        : undefined;
    rows.push(problem ? { row, cells: values, problem } : { row, cells: values });
  });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw fileError('too_many_rows', {
      en: `the file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`,
      'zh-CN': `文件有 ${rows.length} 行，每次最多导入 ${MAX_IMPORT_ROWS} 行`,
    });
  }
  return { rows, headerOf: (key) => written.get(key) ?? key };
}

const fileError = (code: string, detail: { en: string; 'zh-CN': string }) =>
  new ApiError(400, code, detail);

function accepted<K extends string>(columns: ColumnAliases<K>): string {
  return (Object.entries(columns) as [K, readonly string[]][])
    .map(([key, names]) => [key, ...names].join('/'))
    .join(', ');
}

const unknownColumn = <K extends string>(cell: string, columns: ColumnAliases<K>) => ({
  en: `unknown column "${cell.slice(0, 60)}"; the columns are ${accepted(columns)}`,
  'zh-CN': `未知的列“${cell.slice(0, 60)}”；可用的列为 ${accepted(columns)}`,
});

const repeated = (cell: string, first: string) => ({
  en: `the column "${cell.slice(0, 60)}" means the same as "${first}"; keep one`,
  'zh-CN': `列“${cell.slice(0, 60)}”与“${first}”含义相同，请只保留一个`,
});

const missing = <K extends string>(key: K, columns: ColumnAliases<K>) => ({
  en: `the file needs a column ${[key, ...columns[key]].join(' or ')}`,
  'zh-CN': `文件需要一列 ${[key, ...columns[key]].join(' 或 ')}`,
});
