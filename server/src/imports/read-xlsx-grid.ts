import ExcelJS from 'exceljs';
import { unreadableWorkbook } from './import-errors.ts';
import type { SheetGrid } from './sheet-grid.ts';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Excel keeps dates as wall-clock serials, which exceljs hands over as UTC: a date alone
 * becomes `YYYY-MM-DD`, a date with a time `YYYY-MM-DD HH:mm:ss`.
 */
function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  if (seconds === 0) return day;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/**
 * The text of a cell as the sheet shows it: numbers without float noise, formulas by their
 * cached result (never evaluated here), rich text and hyperlinks by their text.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return '';
    if (typeof result === 'object' && 'error' in (result as object)) return '';
    return cellText(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/** The first worksheet of an .xlsx file as text cells, with its spreadsheet row numbers. */
export async function readXlsxGrid(bytes: Uint8Array): Promise<SheetGrid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw unreadableWorkbook();
  }
  const sheet = workbook.worksheets[0];
  const rows: number[] = [];
  const cells: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const line: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      line.push(cellText(row.getCell(column).value));
    }
    rows.push(number);
    cells.push(line);
  });
  return { rows, cells };
}
