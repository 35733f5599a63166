import Papa from 'papaparse';
import { notUtf8 } from './import-errors.ts';
import type { SheetGrid } from './sheet-grid.ts';

/** The `'` a CSV export puts before formula-like text (decision 0021), dropped on the way back. */
const EXPORT_GUARD = /^'(?=[=+\-@\t\r])/;

/**
 * A CSV file as a grid: UTF-8 only (a BOM is dropped; other bytes are a 400 saying GBK is not
 * supported), parsed by papaparse (quotes, embedded newlines, the delimiter it detects).
 * Cells are text as written: nothing that looks like a formula is evaluated; only the guard
 * quote of our own exports (`'=1+2`) is dropped, so an exported view imports back unchanged.
 */
export function readCsvGrid(bytes: Uint8Array): SheetGrid {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw notUtf8();
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const rows: number[] = [];
  const cells: string[][] = [];
  parsed.data.forEach((line, index) => {
    rows.push(index + 1);
    cells.push(line.map((cell) => String(cell).replace(EXPORT_GUARD, '')));
  });
  return { rows, cells };
}
