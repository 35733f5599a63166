import type { StoragePort, Stored } from '@tessera/runtime';
import { type AuditEntry, auditOf } from '../audit/audit-entry.ts';
import { readPage } from '../storage/read-page.ts';
import { readTyped } from '../storage/typed-document.ts';
import { RECORD_TYPE, type RecordFields } from './record-document.ts';
import { recordNotFound } from './record-errors.ts';
import { checkRecordScope, type ScopedRecord } from './record-scope.ts';
import type { Caller } from './row-scope.ts';

const isScoped = (value: unknown): value is ScopedRecord => {
  if (value === null || typeof value !== 'object') return false;
  const { app, table, createdBy } = value as Record<string, unknown>;
  return typeof app === 'string' && typeof table === 'string' && typeof createdBy === 'string';
};

/**
 * Who made a record and where, for its scope: the record itself, or once deleted, the record
 * as its newest audit entry (the deletion) shows it before.
 */
async function scopeSource(storage: StoragePort, id: string): Promise<ScopedRecord | undefined> {
  const doc = await readTyped<RecordFields>(storage, id, RECORD_TYPE);
  if (doc) return doc;
  const newest = (await auditOf(storage, id, { limit: 1 })).docs[0];
  const shown = newest?.before ?? newest?.after;
  return isScoped(shown) ? shown : undefined;
}

/**
 * The change history of a record, newest first, for callers whose row scope holds it (a
 * deleted record's history too); a 404 otherwise, as for the record itself.
 */
export async function recordHistory(
  storage: StoragePort,
  id: string,
  caller: Caller,
  page: { readonly cursor?: string; readonly limit?: number },
): Promise<{ docs: readonly Stored<AuditEntry>[]; next?: string }> {
  if (!id.startsWith(`${RECORD_TYPE}:`)) throw recordNotFound(id);
  const record = await scopeSource(storage, id);
  if (!record) throw recordNotFound(id);
  await checkRecordScope(storage, caller, id, record);
  // auditOf's query, read as a list route reads (a foreign cursor is a 400, not a 500)
  return readPage<AuditEntry>(storage, {
    index: 'audit-by-subject',
    selector: { type: 'audit', subject: id },
    sort: [{ type: 'desc' }, { subject: 'desc' }, { at: 'desc' }],
    ...(page.limit === undefined ? {} : { limit: page.limit }),
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
}
