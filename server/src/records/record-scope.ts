import type { StoragePort } from '@tessera/runtime';
import { type AppRolesFields, readAppRoles } from './app-roles.ts';
import { recordNotFound } from './record-errors.ts';
import { type Caller, inScope, type TableAccess, tableAccess } from './row-scope.ts';

/** Who made a record and where: what its row scope is decided on. */
export interface ScopedRecord {
  readonly app: string;
  readonly table: string;
  readonly createdBy: string;
  readonly createdByDepartment?: string;
}

/**
 * The caller's access to the record's table, and the app's role mapping it was decided on;
 * a 404 when the record is outside the caller's scope.
 */
export async function checkRecordScope(
  storage: StoragePort,
  caller: Caller,
  id: string,
  record: ScopedRecord,
): Promise<{ access: TableAccess; mapping: AppRolesFields | undefined }> {
  const mapping = await readAppRoles(storage, record.app);
  const access = tableAccess(caller, mapping, record.table);
  if (!inScope(access, caller, record)) throw recordNotFound(id);
  return { access, mapping };
}
