import { type AppDefinition, type Issue, issue, pointer, Type } from '@tessera/core';
import type { StoragePort, Stored } from '@tessera/runtime';

export const APP_ROLES_TYPE = 'approles';

/** How many of a table's records a role sees: its members' own, their department's, or all. */
export type RowScope = 'own' | 'department' | 'all';
export const ROW_SCOPES: readonly RowScope[] = ['own', 'department', 'all'];

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

const Ids = (prefix: string, what: string) =>
  Type.Array(Type.String({ pattern: `^${prefix}:[A-Za-z0-9_-]{1,120}$`, description: what }), {
    maxItems: 10000,
    uniqueItems: true,
  });

const RoleId = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';

export const RoleMembersSchema = Type.Object(
  {
    users: Type.Optional(Ids('user', 'a user id')),
    departments: Type.Optional(Ids('department', 'a department id')),
  },
  { additionalProperties: false },
);

const ScopeSchema = Type.Union(
  ROW_SCOPES.map((scope) => Type.Literal(scope)),
  { description: 'own: records they created; department: made in their department; all' },
);

/** The body of `PUT /apps/{id}/roles`, and (with `app`) what GET answers. */
export const AppRolesBodySchema = Type.Object(
  {
    _rev: Type.Optional(
      Type.String({ maxLength: 200, description: 'the revision read; required once saved' }),
    ),
    roles: Type.Record(Type.String({ pattern: RoleId }), RoleMembersSchema, {
      description: 'app role id → its members',
    }),
    rows: Type.Record(
      Type.String({ pattern: RoleId }),
      Type.Record(Type.String({ pattern: RoleId }), ScopeSchema),
      { description: 'table id → app role id → row scope' },
    ),
  },
  { additionalProperties: false, title: 'AppRoles' },
);

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
