import { Type } from 'typebox';
import { ErrorSchema, pageQueryFields, pageSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

const apiTokenViewFields = {
  id: Type.String({ description: 'apitoken:<digest>: names the token, is not the token' }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
};

export const ApiTokenViewSchema = Type.Object(apiTokenViewFields, { title: 'ApiToken' });

/** The answer to making a token: the only time `token` is shown. */
export const NewApiTokenSchema = Type.Object(
  { ...apiTokenViewFields, token: Type.String({ description: 'shown once; keep it secret' }) },
  { title: 'NewApiToken' },
);

const tags = ['accounts'];

/** A signed-in user's own API tokens: list, make (shown once), revoke. */
export const tokensApi = {
  list: route({
    method: 'get',
    path: '/auth/tokens',
    summary: { en: 'My API tokens', 'zh-CN': '我的 API 令牌' },
    tags,
    query: Type.Object(pageQueryFields),
    responses: { 200: pageSchema(ApiTokenViewSchema, 'ApiTokenPage') },
  }),
  create: route({
    method: 'post',
    path: '/auth/tokens',
    summary: { en: 'Make an API token', 'zh-CN': '创建 API 令牌' },
    description: {
      en: 'The token is in this answer only: Tessera keeps just its SHA-256. Send it as Authorization: Bearer <token>.',
      'zh-CN':
        '令牌只在本次应答中出现：Tessera 只保存其 SHA-256。使用时放在 Authorization: Bearer <令牌> 头中。',
    },
    tags,
    body: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 100, description: 'what it is for' }),
        expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
      },
      { additionalProperties: false },
    ),
    responses: { 201: NewApiTokenSchema },
  }),
  remove: route({
    method: 'delete',
    path: '/auth/tokens/:id',
    summary: { en: 'Revoke one of my API tokens', 'zh-CN': '吊销我的一个 API 令牌' },
    tags,
    responses: { 200: Type.Object({ deleted: Type.Literal(true) }), 404: ErrorSchema },
  }),
};
