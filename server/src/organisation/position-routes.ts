import { Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { pageQueryFields, pageSchema } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { CODE_PATTERN } from './department-document.ts';
import { PositionViewSchema, positionView } from './position-document.ts';
import { createPosition, deletePosition, listPositions, updatePosition } from './positions.ts';

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Rev = Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' });
const Code = Type.String({ pattern: CODE_PATTERN, description: '1–64 of A–Z a–z 0–9 . _ -' });

/** Positions: anyone signed in reads them, admins change them. */
export function positionRoutes(context: StoreContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/positions',
      summary: { en: 'List positions', 'zh-CN': '职位列表' },
      tags: ['organisation'],
      guard: guards.signedIn(),
      query: Type.Object(pageQueryFields),
      responses: { 200: pageSchema(PositionViewSchema, 'PositionPage') },
      handler: async (c, { query }) => c.json(await listPositions(context, query)),
    }),
    defineRoute({
      method: 'post',
      path: '/positions',
      summary: { en: 'Create a position', 'zh-CN': '创建职位' },
      tags: ['organisation'],
      guard: guards.role('admin'),
      body: Type.Object({ name: Name, code: Type.Optional(Code) }, { additionalProperties: false }),
      responses: { 201: PositionViewSchema, 409: ErrorSchema },
      handler: async (c, { body }) =>
        c.json(positionView(await createPosition(context, body)), 201),
    }),
    defineRoute({
      method: 'patch',
      path: '/positions/:id',
      summary: { en: 'Change a position', 'zh-CN': '修改职位' },
      description: {
        en: 'With the _rev you read: a position changed since is a 409, never overwritten. null clears the code.',
        'zh-CN': '需带上读取时的 _rev：若职位已被修改则返回 409，绝不覆盖。null 清除编码。',
      },
      tags: ['organisation'],
      guard: guards.role('admin'),
      body: Type.Object(
        {
          _rev: Rev,
          name: Type.Optional(Name),
          code: Type.Optional(Type.Union([Code, Type.Null()])),
        },
        { additionalProperties: false, minProperties: 2, title: 'PositionPatch' },
      ),
      responses: { 200: PositionViewSchema, 404: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        const id = c.req.param('id') ?? '';
        return c.json(positionView(await updatePosition(context, id, patch, _rev)));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/positions/:id',
      summary: { en: 'Delete a position nobody holds', 'zh-CN': '删除无人担任的职位' },
      tags: ['organisation'],
      guard: guards.role('admin'),
      responses: {
        200: Type.Object({ deleted: Type.Literal(true) }),
        404: ErrorSchema,
        409: ErrorSchema,
      },
      handler: async (c) => {
        await deletePosition(context, c.req.param('id') ?? '');
        return c.json({ deleted: true as const });
      },
    }),
  ];
}
