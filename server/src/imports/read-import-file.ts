import type { Context } from 'hono';
import { readUpload } from '../files/read-upload.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { importFileTooLarge, unsupportedFile } from './import-errors.ts';
import { MAX_IMPORT_BYTES } from './import-limits.ts';
import { readCsvGrid } from './read-csv-grid.ts';
import { readXlsxGrid } from './read-xlsx-grid.ts';
import type { SheetGrid } from './sheet-grid.ts';

/** The ZIP signature every .xlsx starts with. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/**
 * The `file` part of a multipart upload (as attachments are read: streamed and cut off at the
 * limit) as a grid of text: `.xlsx` by exceljs, `.csv` by papaparse; by the file name, with an
 * .xlsx also recognised by its ZIP signature.
 */
export async function readImportFile(c: Context<ApiEnv>): Promise<SheetGrid> {
  const upload = await readUpload(c, { bytes: MAX_IMPORT_BYTES, rule: 'instance' }).catch(
    (error: unknown) => {
      throw error instanceof ApiError && error.status === 413 ? importFileTooLarge() : error;
    },
  );
  const name = upload.name.toLowerCase();
  if (name.endsWith('.xlsx') || (!name.endsWith('.csv') && isZip(upload.bytes))) {
    return readXlsxGrid(upload.bytes);
  }
  if (name.endsWith('.csv') || /^text\/(csv|plain)$/i.test(upload.declaredType)) {
    return readCsvGrid(upload.bytes);
  }
  throw unsupportedFile(upload.name);
}
