import { type AppDefinition, type Issue, issue, pointer } from '@tessera/core';
import type { RowScope } from '@tessera/core/api';
import type { StoragePort, Stored } from '@tessera/runtime';

export const APP_ROLES_TYPE = 'approles';

export { ROW_SCOPES, type RowScope } from '@tessera/core/api';

/** Who holds an app role: users by id, and every member of the listed departments. */
export interface RoleMembers {
  readonly users?: readonly string[];
  readonly departments?: readonly string[];
}

/** The mapping of one app's roles to people, and the row rule per table per role. */
export interface AppRolesFields {
  readonly type: typeof APP_ROLES_TYPE;
  readonly schemaVersion: 1;
  readonly app: string;
  readonly roles: Readonly<Record<string, RoleMembers>>;
  readonly rows: Readonly<Record<string, Readonly<Record<string, RowScope>>>>;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** One deterministic document per app. */
export const appRolesId = (appId: string) => `${APP_ROLES_TYPE}:${appId}`;

/** The stored mapping, or undefined when none was saved yet (nobody holds a role). */
export async function readAppRoles(
  storage: StoragePort,
  appId: string,
): Promise<Stored<AppRolesFields> | undefined> {
  const doc = await storage.get<AppRolesFields>(appRolesId(appId));
  return doc && doc.type === APP_ROLES_TYPE ? doc : undefined;
}

/** Role and table ids that the app does not have, as issues naming where they are. */
export function checkAppRoles(
  app: AppDefinition,
  body: Pick<AppRolesFields, 'roles' | 'rows'>,
): Issue[] {
  const roles = new Set((app.roles ?? []).map((role) => role.id));
  const tables = new Set(app.tables.map((table) => table.id));
  const found: Issue[] = [];
  const unknownRole = (path: string, id: string) =>
    issue(path, 'roles.unknownRole', {
      en: `app "${app.id}" has no role "${id}"`,
      'zh-CN': `应用“${app.id}”没有角色“${id}”`,
    });
  for (const id of Object.keys(body.roles)) {
    if (!roles.has(id)) found.push(unknownRole(pointer('/roles', id), id));
  }
  for (const [tableId, rules] of Object.entries(body.rows)) {
    if (!tables.has(tableId)) {
      found.push(
        issue(pointer('/rows', tableId), 'roles.unknownTable', {
          en: `app "${app.id}" has no table "${tableId}"`,
          'zh-CN': `应用“${app.id}”没有表“${tableId}”`,
        }),
      );
      continue;
    }
    for (const roleId of Object.keys(rules)) {
      if (!roles.has(roleId)) found.push(unknownRole(pointer('/rows', tableId, roleId), roleId));
    }
  }
  return found;
}
