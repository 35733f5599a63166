import type { FindQuery } from '@tessera/runtime';
import type { PlatformRole } from '../http/api-env.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { type AppRolesFields, ROW_SCOPES, type RowScope } from './app-roles.ts';
import { RECORD_TYPE } from './record-document.ts';

/** Who is asking, with the department their user document holds now. */
export interface Caller {
  readonly userId: string;
  readonly roles: readonly PlatformRole[];
  readonly department?: string;
}

/** What a caller may do with one table's records. */
export interface TableAccess {
  /** Holds an app role (or is a platform admin): may create records. */
  readonly member: boolean;
  /** Which records they see; `own` for a caller without app roles (what they created). */
  readonly scope: RowScope;
}

/** The app roles a caller holds: mapped by user id or by their department. */
export function heldRoles(caller: Caller, mapping: AppRolesFields | undefined): string[] {
  if (!mapping) return [];
  return Object.entries(mapping.roles)
    .filter(
      ([, members]) =>
        members.users?.includes(caller.userId) ||
        (caller.department !== undefined && members.departments?.includes(caller.department)),
    )
    .map(([id]) => id);
}

/**
 * The widest row scope of the caller's app roles on a table (a role without a rule for the
 * table sees its own records); platform admins see all. `department` for a caller without a
 * department narrows to `own`.
 */
export function tableAccess(
  caller: Caller,
  mapping: AppRolesFields | undefined,
  tableId: string,
): TableAccess {
  if (caller.roles.includes('admin')) return { member: true, scope: 'all' };
  const held = heldRoles(caller, mapping);
  const rules = mapping?.rows[tableId] ?? {};
  let widest = 0;
  for (const role of held) widest = Math.max(widest, ROW_SCOPES.indexOf(rules[role] ?? 'own'));
  const scope = ROW_SCOPES[widest] ?? 'own';
  return {
    member: held.length > 0,
    scope: scope === 'department' && caller.department === undefined ? 'own' : scope,
  };
}

/** Whether one record lies inside the scope (for get, update, remove and its audit). */
export function inScope(
  access: TableAccess,
  caller: Caller,
  doc: { readonly createdBy: string; readonly createdByDepartment?: string },
): boolean {
  if (access.scope === 'all') return true;
  if (access.scope === 'department') return doc.createdByDepartment === caller.department;
  return doc.createdBy === caller.userId;
}

/**
 * The query of a table's records inside the scope, newest first: the scope is part of the
 * selector, served by its own index with every field but `createdAt` fixed (never filtered
 * after the fetch).
 */
export function scopedQuery(
  access: TableAccess,
  caller: Caller,
  appId: string,
  tableId: string,
): Pick<FindQuery, 'index' | 'selector' | 'sort'> {
  const base = { type: RECORD_TYPE, app: appId, table: tableId };
  const desc = (fields: readonly string[]) => fields.map((field) => ({ [field]: 'desc' as const }));
  if (access.scope === 'all') {
    return {
      index: INDEX.recordsByTable,
      selector: base,
      sort: desc(['type', 'app', 'table', 'createdAt']),
    };
  }
  if (access.scope === 'department') {
    return {
      index: INDEX.recordsByDepartment,
      selector: { ...base, createdByDepartment: caller.department },
      sort: desc(['type', 'app', 'table', 'createdByDepartment', 'createdAt']),
    };
  }
  return {
    index: INDEX.recordsByCreator,
    selector: { ...base, createdBy: caller.userId },
    sort: desc(['type', 'app', 'table', 'createdBy', 'createdAt']),
  };
}
