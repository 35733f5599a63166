import { type Locale, localize } from '@tessera/core';
import { EXPORT_FORMATS } from '@tessera/core/api';
import { columnLabel } from './column-label.ts';
import { csvText } from './csv-text.ts';
import { exportCell } from './export-cell.ts';
import { linkedTable } from './link-displays.ts';
import type { OpenedView, ViewRow } from './view-service.ts';
import { xlsxWorkbook } from './xlsx-workbook.ts';

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Characters no file system takes in a name (control characters are dropped separately). */
const NAME_REFUSED = /[\\/:*?"<>|]/g;

const printable = (text: string) =>
  Array.from(text, (char) => ((char.codePointAt(0) ?? 0) < 0x20 ? '_' : char)).join('');

/**
 * The whole view as a file: headers in `locale`, one line per row in the view's order, named
 * `<view label>-<YYYY-MM-DD>.<format>` (the day in UTC).
 */
export async function exportFile(
  opened: OpenedView,
  rows: readonly ViewRow[],
  format: ExportFormat,
  locale: Locale,
  now: Date,
): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const { columns, view } = opened.prepared;
  const headers = columns.map((column) => columnLabel(opened.table, column, locale));
  const cells = rows.map((row) =>
    columns.map((column) =>
      exportCell(
        column,
        row.values[column.path],
        linkedTable(column) === undefined ? undefined : (row.links?.[column.path] ?? []),
        locale,
      ),
    ),
  );
  const label = printable(localize(view.label, locale, view.id)).replace(NAME_REFUSED, '_');
  const name = `${label}-${now.toISOString().slice(0, 10)}.${format}`;
  const bytes =
    format === 'xlsx'
      ? await xlsxWorkbook(label, headers, cells)
      : new TextEncoder().encode(csvText(headers, cells));
  return { name, type: EXPORT_FORMATS[format], bytes };
}
