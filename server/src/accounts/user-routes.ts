import { Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { pageQueryFields, pageSchema } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { setPassword } from './set-password.ts';
import { updateUser, userNotFound } from './update-user.ts';
import { RolesSchema, readUser, UserViewSchema, userView } from './user-document.ts';

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
    roles: Type.Optional(RolesSchema),
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
    roles: Type.Optional(RolesSchema),
    active: Type.Optional(Type.Boolean()),
    department: Type.Optional(Nullable(Id('a department id; null: none'))),
    position: Type.Optional(Nullable(Id('a position id; null: none'))),
    manager: Type.Optional(Nullable(Id("the manager's user id; null: none"))),
  },
  { additionalProperties: false, minProperties: 2, title: 'UserPatch' },
);

const admin = () => guards.role('admin');

/** Account administration: admins only. */
export function userRoutes(context: StoreContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/users',
      summary: { en: 'List users', 'zh-CN': '用户列表' },
      description: {
        en: 'By username, in pages; ?department= lists that department’s members.',
        'zh-CN': '按用户名分页；带 ?department= 时只列该部门的成员。',
      },
      tags: ['users'],
      guard: admin(),
      query: Type.Object({ ...pageQueryFields, department: Type.Optional(Id('a department id')) }),
      responses: { 200: pageSchema(UserViewSchema, 'UserPage') },
      handler: async (c, { query }) => c.json(await listUsers(context, query, userView)),
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      summary: { en: 'Create a user with an initial password', 'zh-CN': '创建用户（含初始密码）' },
      tags: ['users'],
      guard: admin(),
      body: NewUserSchema,
      responses: { 201: UserViewSchema, 409: ErrorSchema },
      handler: async (c, { body }) => c.json(userView(await createUser(context, body)), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/users/:id',
      summary: { en: 'A user', 'zh-CN': '查看用户' },
      tags: ['users'],
      guard: admin(),
      responses: { 200: UserViewSchema, 404: ErrorSchema },
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const user = await readUser(context.storage, id);
        if (!user) throw userNotFound(id);
        return c.json(userView(user));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/users/:id',
      summary: { en: 'Change a user', 'zh-CN': '修改用户' },
      description: {
        en: 'With the _rev you read: a user changed since is a 409, never overwritten. Only the fields sent change; null clears department, position, manager or email. References must exist; a manager chain may not loop; the last active admin keeps the role. Deactivating ends the user’s sessions.',
        'zh-CN':
          '需带上读取时的 _rev：若用户已被修改则返回 409，绝不覆盖。只修改请求中给出的字段；null 清除部门、职位、上级或邮箱。引用的对象必须存在；上级关系不能形成循环；最后一个有效管理员不能失去该角色。停用会结束该用户的会话。',
      },
      tags: ['users'],
      guard: admin(),
      body: UserPatchSchema,
      responses: { 200: UserViewSchema, 404: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        return c.json(userView(await updateUser(context, c.req.param('id') ?? '', patch, _rev)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/users/:id/password',
      summary: { en: "Reset a user's password", 'zh-CN': '重置用户密码' },
      description: {
        en: 'Sets a new password and ends every session of the user.',
        'zh-CN': '设置新密码，并结束该用户的所有会话。',
      },
      tags: ['users'],
      guard: admin(),
      body: Type.Object({ password: Password }, { additionalProperties: false }),
      responses: { 200: Type.Object({ reset: Type.Literal(true) }), 404: ErrorSchema },
      handler: async (c, { body }) => {
        const id = c.req.param('id') ?? '';
        if (!(await readUser(context.storage, id))) throw userNotFound(id);
        await setPassword(context, id, body.password, { field: '/password' });
        return c.json({ reset: true as const });
      },
    }),
  ];
}
