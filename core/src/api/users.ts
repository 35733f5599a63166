import { Type } from 'typebox';
import { ErrorSchema, pageQueryFields, pageSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** The platform roles an account may hold (app roles are per app, see `appRoles`). */
export const PLATFORM_ROLES = ['admin', 'designer', 'implementer', 'user'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

// the roles of PLATFORM_ROLES, written out so that the schema's type is their union
export const PlatformRoleSchema = Type.Union(
  [
    Type.Literal('admin'),
    Type.Literal('designer'),
    Type.Literal('implementer'),
    Type.Literal('user'),
  ],
  { description: 'admin, designer, implementer or user' },
);

export const PlatformRolesSchema = Type.Array(PlatformRoleSchema, {
  minItems: 1,
  maxItems: 4,
  uniqueItems: true,
});

/** What the API shows of a user. */
export const UserViewSchema = Type.Object(
  {
    id: Type.String({ description: 'user:<ulid>' }),
    _rev: Type.String({ description: 'the revision read: send it back to change it' }),
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Optional(Type.String()),
    roles: PlatformRolesSchema,
    active: Type.Boolean(),
    department: Type.Optional(Type.String()),
    position: Type.Optional(Type.String()),
    manager: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'User' },
);

/**
 * What any signed-in person may know of a colleague: enough to pick and to name them. Email,
 * platform roles, status and the rest of the account are for admins ({@link UserViewSchema}).
 */
export const ColleagueViewSchema = Type.Object(
  {
    id: Type.String({ description: 'user:<ulid>' }),
    username: Type.String(),
    displayName: Type.String(),
    department: Type.Optional(Type.String({ description: 'a department id' })),
    position: Type.Optional(Type.String({ description: 'a position id' })),
  },
  { additionalProperties: false, title: 'Colleague' },
);

// checked after normalising (NFKC, trimmed), so a look-alike is told what is wrong with it
const Username = Type.String({
  minLength: 1,
  maxLength: 200,
  description:
    '3–64 of A–Z a–z 0–9 . _ - after Unicode NFKC normalisation (ＡＤＭＩＮ is ADMIN) and trimming; unique ignoring case; an invisible character (U+200B …) is refused',
});
const Password = Type.String({ minLength: 1, maxLength: 4096, description: '10–256 characters' });
const Id = (what: string) => Type.String({ minLength: 1, maxLength: 200, description: what });
const Rev = Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const NewUserSchema = Type.Object(
  {
    username: Username,
    password: Password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    roles: Type.Optional(PlatformRolesSchema),
    active: Type.Optional(Type.Boolean()),
    department: Type.Optional(Id('a department id')),
    position: Type.Optional(Id('a position id')),
    manager: Type.Optional(Id("the manager's user id")),
  },
  { additionalProperties: false, title: 'NewUser' },
);

const UserPatchSchema = Type.Object(
  {
    _rev: Rev,
    username: Type.Optional(Username),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    roles: Type.Optional(PlatformRolesSchema),
    active: Type.Optional(Type.Boolean()),
    department: Type.Optional(Nullable(Id('a department id; null: none'))),
    position: Type.Optional(Nullable(Id('a position id; null: none'))),
    manager: Type.Optional(Nullable(Id("the manager's user id; null: none"))),
  },
  { additionalProperties: false, minProperties: 2, title: 'UserPatch' },
);

const tags = ['users'];

/** Account administration: admins only. */
export const usersApi = {
  list: route({
    method: 'get',
    path: '/users',
    summary: { en: 'List users', 'zh-CN': '用户列表' },
    description: {
      en: 'By username, in pages; ?department= lists that department’s members.',
      'zh-CN': '按用户名分页；带 ?department= 时只列该部门的成员。',
    },
    tags,
    query: Type.Object({ ...pageQueryFields, department: Type.Optional(Id('a department id')) }),
    responses: { 200: pageSchema(UserViewSchema, 'UserPage') },
  }),
  create: route({
    method: 'post',
    path: '/users',
    summary: { en: 'Create a user with an initial password', 'zh-CN': '创建用户（含初始密码）' },
    tags,
    body: NewUserSchema,
    responses: { 201: UserViewSchema, 409: ErrorSchema },
  }),
  get: route({
    method: 'get',
    path: '/users/:id',
    summary: { en: 'A user', 'zh-CN': '查看用户' },
    tags,
    responses: { 200: UserViewSchema, 404: ErrorSchema },
  }),
  update: route({
    method: 'patch',
    path: '/users/:id',
    summary: { en: 'Change a user', 'zh-CN': '修改用户' },
    description: {
      en: 'With the _rev you read: a user changed since is a 409, never overwritten. Only the fields sent change; null clears department, position, manager or email. References must exist; a manager chain may not loop; the last active admin keeps the role. Deactivating ends the user’s sessions.',
      'zh-CN':
        '需带上读取时的 _rev：若用户已被修改则返回 409，绝不覆盖。只修改请求中给出的字段；null 清除部门、职位、上级或邮箱。引用的对象必须存在；上级关系不能形成循环；最后一个有效管理员不能失去该角色。停用会结束该用户的会话。',
    },
    tags,
    body: UserPatchSchema,
    responses: { 200: UserViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  resetPassword: route({
    method: 'post',
    path: '/users/:id/password',
    summary: { en: "Reset a user's password", 'zh-CN': '重置用户密码' },
    description: {
      en: 'Sets a new password and ends every session of the user.',
      'zh-CN': '设置新密码，并结束该用户的所有会话。',
    },
    tags,
    body: Type.Object({ password: Password }, { additionalProperties: false }),
    responses: { 200: Type.Object({ reset: Type.Literal(true) }), 404: ErrorSchema },
  }),
};
