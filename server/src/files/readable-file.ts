import type { StoragePort } from '@tessera/runtime';
import { ApiError } from '../http/api-error.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import { checkRecordScope } from '../records/record-scope.ts';
import type { Caller } from '../records/row-scope.ts';
import { readTyped } from '../storage/typed-document.ts';
import { type FileDocument, readFile } from './file-document.ts';
import { fileNotFound } from './file-errors.ts';

/**
 * The file if the caller may read it: its uploader while no record refers to it; once one does,
 * whoever may read that record (its row scope). Anything else is a 404, as for unknown ids.
 */
export async function readableFile(
  storage: StoragePort,
  caller: Caller,
  id: string,
): Promise<FileDocument> {
  const file = await readFile(storage, id);
  if (!file) throw fileNotFound(id);
  if (file.record === undefined) {
    if (file.uploadedBy !== caller.userId) throw fileNotFound(id);
    return file;
  }
  const record = await readTyped<RecordFields>(storage, file.record, RECORD_TYPE);
  if (!record || record.app !== file.app || record.table !== file.table) throw fileNotFound(id);
  try {
    await checkRecordScope(storage, caller, record._id, record);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw fileNotFound(id);
    throw error;
  }
  return file;
}
