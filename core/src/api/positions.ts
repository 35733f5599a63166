import { Type } from 'typebox';
import { ErrorSchema, pageQueryFields, pageSchema } from './common-schemas.ts';
import { ORGANISATION_CODE_PATTERN } from './departments.ts';
import { route } from './route-contract.ts';

export const PositionViewSchema = Type.Object(
  {
    id: Type.String({ description: 'position:<ulid>' }),
    _rev: Type.String({ description: 'the revision read: send it back to change it' }),
    name: Type.String(),
    code: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Position' },
);

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Rev = Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' });
const Code = Type.String({
  pattern: ORGANISATION_CODE_PATTERN,
  description: '1–64 of A–Z a–z 0–9 . _ -',
});

const tags = ['organisation'];

/** Positions: anyone signed in reads them, admins change them. */
export const positionsApi = {
  list: route({
    method: 'get',
    path: '/positions',
    summary: { en: 'List positions', 'zh-CN': '职位列表' },
    tags,
    query: Type.Object(pageQueryFields),
    responses: { 200: pageSchema(PositionViewSchema, 'PositionPage') },
  }),
  create: route({
    method: 'post',
    path: '/positions',
    summary: { en: 'Create a position', 'zh-CN': '创建职位' },
    tags,
    body: Type.Object({ name: Name, code: Type.Optional(Code) }, { additionalProperties: false }),
    responses: { 201: PositionViewSchema, 409: ErrorSchema },
  }),
  update: route({
    method: 'patch',
    path: '/positions/:id',
    summary: { en: 'Change a position', 'zh-CN': '修改职位' },
    description: {
      en: 'With the _rev you read: a position changed since is a 409, never overwritten. null clears the code.',
      'zh-CN': '需带上读取时的 _rev：若职位已被修改则返回 409，绝不覆盖。null 清除编码。',
    },
    tags,
    body: Type.Object(
      {
        _rev: Rev,
        name: Type.Optional(Name),
        code: Type.Optional(Type.Union([Code, Type.Null()])),
      },
      { additionalProperties: false, minProperties: 2, title: 'PositionPatch' },
    ),
    responses: { 200: PositionViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  remove: route({
    method: 'delete',
    path: '/positions/:id',
    summary: { en: 'Delete a position nobody holds', 'zh-CN': '删除无人担任的职位' },
    tags,
    responses: {
      200: Type.Object({ deleted: Type.Literal(true) }),
      404: ErrorSchema,
      409: ErrorSchema,
    },
  }),
};
