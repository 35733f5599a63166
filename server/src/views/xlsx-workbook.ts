import ExcelJS from 'exceljs';
import type { ExportCell } from './export-cell.ts';

/** Excel forbids these in sheet names, and allows at most 31 characters. */
const SHEET_NAME_REFUSED = /[\\/?*[\]:]/g;

/**
 * An .xlsx workbook of one sheet: a bold, frozen header row, then the rows. Numbers and dates
 * are typed cells with a number format; every other value is a string cell, which Excel never
 * runs as a formula, whatever it starts with.
 */
export async function xlsxWorkbook(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly ExportCell[])[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tessera';
  const name = sheetName.replace(SHEET_NAME_REFUSED, '_').slice(0, 31) || 'Sheet1';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...headers]);
  header.font = { bold: true };
  headers.forEach((text, at) => {
    sheet.getColumn(at + 1).width = Math.min(60, Math.max(10, text.length * 2 + 2));
  });
  for (const cells of rows) {
    const line = sheet.addRow(cells.map((cell) => cell.value));
    cells.forEach((cell, at) => {
      const target = line.getCell(at + 1);
      if (cell.kind === 'text') {
        // assigned as a plain string: exceljs writes a shared-string cell, never a formula
        target.value = cell.value;
      } else if (cell.format !== undefined) {
        target.numFmt = cell.format;
      }
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
