import { Type } from '@tessera/core';
import { ColleagueViewSchema, peopleViewFor } from '../accounts/colleague-view.ts';
import { UserViewSchema } from '../accounts/user-document.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { pageQueryFields, pageSchema } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { createDepartment } from './create-department.ts';
import { deleteDepartment } from './delete-department.ts';
import {
  CODE_PATTERN,
  DEPARTMENT_NAME_PATTERN,
  DepartmentViewSchema,
  departmentView,
  readDepartment,
} from './department-document.ts';
import { departmentMembers, listDepartments } from './department-queries.ts';
import { departmentNotFound } from './department-rules.ts';
import { updateDepartment } from './update-department.ts';

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: DEPARTMENT_NAME_PATTERN });
const Code = Type.String({ pattern: CODE_PATTERN, description: '1–64 of A–Z a–z 0–9 . _ -' });
const Rev = Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' });
const Id = (what: string) => Type.String({ minLength: 1, maxLength: 200, description: what });

/** The department tree: anyone signed in reads it, admins change it. */
export function departmentRoutes(context: StoreContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/departments',
      summary: { en: 'List departments', 'zh-CN': '部门列表' },
      description: {
        en: 'By name, in pages: all of them, ?roots=true for the top level, or ?parent=<id> for one department’s children. Each has its ancestors in path (root first).',
        'zh-CN':
          '按名称分页：全部；?roots=true 只列顶级部门；?parent=<id> 只列某部门的下级。每个部门的 path 为其上级部门（从顶级开始）。',
      },
      tags: ['organisation'],
      guard: guards.signedIn(),
      query: Type.Object({
        ...pageQueryFields,
        parent: Type.Optional(Id('only the children of this department')),
        roots: Type.Optional(Type.Literal('true', { description: 'only top-level departments' })),
      }),
      responses: { 200: pageSchema(DepartmentViewSchema, 'DepartmentPage') },
      handler: async (c, { query }) => c.json(await listDepartments(context, query)),
    }),
    defineRoute({
      method: 'post',
      path: '/departments',
      summary: { en: 'Create a department', 'zh-CN': '创建部门' },
      tags: ['organisation'],
      guard: guards.role('admin'),
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
      handler: async (c, { body }) =>
        c.json(departmentView(await createDepartment(context, body)), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/departments/:id',
      summary: { en: 'A department', 'zh-CN': '查看部门' },
      tags: ['organisation'],
      guard: guards.signedIn(),
      responses: { 200: DepartmentViewSchema, 404: ErrorSchema },
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const department = await readDepartment(context.storage, id);
        if (!department) throw departmentNotFound(id);
        return c.json(departmentView(department));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/departments/:id',
      summary: { en: 'Rename, re-head or move a department', 'zh-CN': '修改或移动部门' },
      description: {
        en: 'With the _rev you read: a department changed since is a 409, never overwritten. parent moves it with its whole subtree (null: to the top level); it may not go under itself or a descendant. null clears code or head.',
        'zh-CN':
          '需带上读取时的 _rev：若部门已被修改则返回 409，绝不覆盖。parent 连同整个子树移动该部门（null 表示移到顶级）；不能移到自身或其下级之下。null 清除编码或负责人。',
      },
      tags: ['organisation'],
      guard: guards.role('admin'),
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
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        const id = c.req.param('id') ?? '';
        return c.json(departmentView(await updateDepartment(context, id, patch, _rev)));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/departments/:id',
      summary: { en: 'Delete an empty department', 'zh-CN': '删除空部门' },
      description: {
        en: 'Refused (409) while it has sub-departments or members.',
        'zh-CN': '部门下还有子部门或成员时拒绝（409）。',
      },
      tags: ['organisation'],
      guard: guards.role('admin'),
      responses: {
        200: Type.Object({ deleted: Type.Literal(true) }),
        404: ErrorSchema,
        409: ErrorSchema,
      },
      handler: async (c) => {
        await deleteDepartment(context, c.req.param('id') ?? '');
        return c.json({ deleted: true as const });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/departments/:id/members',
      summary: { en: "A department's members", 'zh-CN': '部门成员' },
      description: {
        en: 'By username, in pages. Admins get each whole account (User); everyone else gets colleagues (Colleague): id, username, display name, department and position, without email, platform roles or status.',
        'zh-CN':
          '按用户名分页。管理员得到完整账号（User）；其他人只得到同事信息（Colleague）：ID、用户名、显示名、部门与职位，不含邮箱、平台角色与状态。',
      },
      tags: ['organisation'],
      guard: guards.signedIn(),
      query: Type.Object(pageQueryFields),
      responses: {
        200: pageSchema(Type.Union([UserViewSchema, ColleagueViewSchema]), 'MemberPage'),
        404: ErrorSchema,
      },
      handler: async (c, { query }) => {
        const view = peopleViewFor(c.get('principal')?.roles ?? []);
        return c.json(await departmentMembers(context, c.req.param('id') ?? '', query, view));
      },
    }),
  ];
}
