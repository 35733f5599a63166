import Papa from 'papaparse';
import { type ExportCell, FORMULA_START } from './export-cell.ts';

/** The byte order mark that makes Excel read a CSV file as UTF-8 (Chinese text intact). */
const BOM = '\uFEFF';

/** A text cell a spreadsheet would run as a formula gets a leading `'` (OWASP's CSV advice). */
const guarded = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/**
 * CSV text (RFC 4180 quoting by papaparse, CRLF line ends) with a BOM: numbers and dates as
 * their exact text (money as stored, never through a float), text guarded against formulas.
 * Header texts are guarded the same way.
 */
export function csvText(
  headers: readonly string[],
  rows: readonly (readonly ExportCell[])[],
): string {
  const data = rows.map((cells) =>
    cells.map((cell) => (cell.kind === 'text' ? guarded(cell.value) : cell.text)),
  );
  return BOM + Papa.unparse({ fields: headers.map(guarded), data }, { newline: '\r\n' });
}
