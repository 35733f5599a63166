import { Type } from 'typebox';
import { ErrorSchema, pageQueryFields, pageSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';
import { ColleagueViewSchema, UserViewSchema } from './users.ts';

/** A department's name: no `/`, which separates the names of a path (总部/市场部). */
export const DEPARTMENT_NAME_PATTERN = '^[^/]+$';
/** The code of a department or a position: 1–64 letters, digits, `.`, `_`, `-`. */
export const ORGANISATION_CODE_PATTERN = '^[A-Za-z0-9._-]{1,64}$';

export const DepartmentViewSchema = Type.Object(
  {
    id: Type.String({ description: 'department:<ulid>' }),
    _rev: Type.String({ description: 'the revision read: send it back to change it' }),
    name: Type.String(),
    code: Type.Optional(Type.String()),
    parent: Type.Optional(Type.String()),
    head: Type.Optional(Type.String({ description: 'a user id' })),
    path: Type.Array(Type.String(), { description: "the ancestors' ids, root first" }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Department' },
);

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: DEPARTMENT_NAME_PATTERN });
const Code = Type.String({
  pattern: ORGANISATION_CODE_PATTERN,
  description: '1–64 of A–Z a–z 0–9 . _ -',
});
const Rev = Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' });
const Id = (what: string) => Type.String({ minLength: 1, maxLength: 200, description: what });

const tags = ['organisation'];

/** The department tree: anyone signed in reads it, admins change it. */
export const departmentsApi = {
  list: route({
    method: 'get',
    path: '/departments',
    summary: { en: 'List departments', 'zh-CN': '部门列表' },
    description: {
      en: 'By name, in pages: all of them, ?roots=true for the top level, or ?parent=<id> for one department’s children. Each has its ancestors in path (root first).',
      'zh-CN':
        '按名称分页：全部；?roots=true 只列顶级部门；?parent=<id> 只列某部门的下级。每个部门的 path 为其上级部门（从顶级开始）。',
    },
    tags,
    query: Type.Object({
      ...pageQueryFields,
      parent: Type.Optional(Id('only the children of this department')),
      roots: Type.Optional(Type.Literal('true', { description: 'only top-level departments' })),
    }),
    responses: { 200: pageSchema(DepartmentViewSchema, 'DepartmentPage') },
  }),
  create: route({
    method: 'post',
    path: '/departments',
    summary: { en: 'Create a department', 'zh-CN': '创建部门' },
    tags,
    body: Type.Object(
      {
        name: Name,
        code: Type.Optional(Code),
        parent: Type.Optional(Id('the parent department; a root without')),
        head: Type.Optional(Id('the head: a user id')),
      },
      { additionalProperties: false },
    ),
    responses: { 201: DepartmentViewSchema, 409: ErrorSchema },
  }),
  get: route({
    method: 'get',
    path: '/departments/:id',
    summary: { en: 'A department', 'zh-CN': '查看部门' },
    tags,
    responses: { 200: DepartmentViewSchema, 404: ErrorSchema },
  }),
  update: route({
    method: 'patch',
    path: '/departments/:id',
    summary: { en: 'Rename, re-head or move a department', 'zh-CN': '修改或移动部门' },
    description: {
      en: 'With the _rev you read: a department changed since is a 409, never overwritten. parent moves it with its whole subtree (null: to the top level); it may not go under itself or a descendant. null clears code or head.',
      'zh-CN':
        '需带上读取时的 _rev：若部门已被修改则返回 409，绝不覆盖。parent 连同整个子树移动该部门（null 表示移到顶级）；不能移到自身或其下级之下。null 清除编码或负责人。',
    },
    tags,
    body: Type.Object(
      {
        _rev: Rev,
        name: Type.Optional(Name),
        code: Type.Optional(Type.Union([Code, Type.Null()])),
        parent: Type.Optional(Type.Union([Id('the new parent'), Type.Null()])),
        head: Type.Optional(Type.Union([Id('a user id'), Type.Null()])),
      },
      { additionalProperties: false, minProperties: 2, title: 'DepartmentPatch' },
    ),
    responses: { 200: DepartmentViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  remove: route({
    method: 'delete',
    path: '/departments/:id',
    summary: { en: 'Delete an empty department', 'zh-CN': '删除空部门' },
    description: {
      en: 'Refused (409) while it has sub-departments or members.',
      'zh-CN': '部门下还有子部门或成员时拒绝（409）。',
    },
    tags,
    responses: {
      200: Type.Object({ deleted: Type.Literal(true) }),
      404: ErrorSchema,
      409: ErrorSchema,
    },
  }),
  members: route({
    method: 'get',
    path: '/departments/:id/members',
    summary: { en: "A department's members", 'zh-CN': '部门成员' },
    description: {
      en: 'By username, in pages. Admins get each whole account (User); everyone else gets colleagues (Colleague): id, username, display name, department and position, without email, platform roles or status.',
      'zh-CN':
        '按用户名分页。管理员得到完整账号（User）；其他人只得到同事信息（Colleague）：ID、用户名、显示名、部门与职位，不含邮箱、平台角色与状态。',
    },
    tags,
    query: Type.Object(pageQueryFields),
    responses: {
      200: pageSchema(Type.Union([UserViewSchema, ColleagueViewSchema]), 'MemberPage'),
      404: ErrorSchema,
    },
  }),
};
