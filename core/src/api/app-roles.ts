import { Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** How many of a table's records a role sees: its members' own, their department's, or all. */
export const ROW_SCOPES = ['own', 'department', 'all'] as const;
export type RowScope = (typeof ROW_SCOPES)[number];

const Ids = (prefix: string, what: string) =>
  Type.Array(Type.String({ pattern: `^${prefix}:[A-Za-z0-9_-]{1,120}$`, description: what }), {
    maxItems: 10000,
    uniqueItems: true,
  });

const RoleId = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';

/** Who holds an app role: users by id, and every member of the listed departments. */
export const RoleMembersSchema = Type.Object(
  {
    users: Type.Optional(Ids('user', 'a user id')),
    departments: Type.Optional(Ids('department', 'a department id')),
  },
  { additionalProperties: false },
);

const ScopeSchema = Type.Union(
  [Type.Literal('own'), Type.Literal('department'), Type.Literal('all')],
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

export const AppRolesViewSchema = Type.Object(
  {
    app: Type.String(),
    _rev: Type.Optional(Type.String({ description: 'absent until the mapping is first saved' })),
    roles: AppRolesBodySchema.properties.roles,
    rows: AppRolesBodySchema.properties.rows,
  },
  { title: 'AppRolesView' },
);

const tags = ['apps'];

/**
 * Who holds each app role (users, departments) and which records each role sees per table
 * (own, department, all). Saved with the revision read (never blind).
 */
export const appRolesApi = {
  get: route({
    method: 'get',
    path: '/apps/:id/roles',
    summary: { en: "An app's roles and row rules", 'zh-CN': '应用的角色与行权限' },
    tags,
    responses: { 200: AppRolesViewSchema, 404: ErrorSchema },
  }),
  replace: route({
    method: 'put',
    path: '/apps/:id/roles',
    summary: { en: "Replace an app's roles and row rules", 'zh-CN': '替换应用的角色与行权限' },
    description: {
      en: 'Role ids must be roles of the app and table ids its tables. Once saved, send the _rev you read.',
      'zh-CN': '角色须为应用中的角色，表须为应用中的表。保存过之后须带上读取时的 _rev。',
    },
    tags,
    body: AppRolesBodySchema,
    responses: { 200: AppRolesViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
};
