import { Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { pageQueryFields, pageSchema } from '../storage/read-page.ts';
import type { AccountsContext } from './accounts-context.ts';
import {
  ApiTokenViewSchema,
  apiTokenView,
  createApiToken,
  deleteApiToken,
  listApiTokens,
  NewApiTokenSchema,
} from './api-tokens.ts';
import { principalOf } from './auth-routes.ts';

/** A signed-in user's own API tokens: list, make (shown once), revoke. */
export function tokenRoutes(context: AccountsContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/auth/tokens',
      summary: { en: 'My API tokens', 'zh-CN': '我的 API 令牌' },
      tags: ['accounts'],
      guard: guards.signedIn(),
      query: Type.Object(pageQueryFields),
      responses: { 200: pageSchema(ApiTokenViewSchema, 'ApiTokenPage') },
      handler: async (c, { query }) =>
        c.json(await listApiTokens(context, principalOf(c).userId, query)),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/tokens',
      summary: { en: 'Make an API token', 'zh-CN': '创建 API 令牌' },
      description: {
        en: 'The token is in this answer only: Tessera keeps just its SHA-256. Send it as Authorization: Bearer <token>.',
        'zh-CN':
          '令牌只在本次应答中出现：Tessera 只保存其 SHA-256。使用时放在 Authorization: Bearer <令牌> 头中。',
      },
      tags: ['accounts'],
      guard: guards.signedIn(),
      body: Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 100, description: 'what it is for' }),
          expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
        },
        { additionalProperties: false },
      ),
      responses: {
        201: NewApiTokenSchema,
      },
      handler: async (c, { body }) => {
        const { token, doc } = await createApiToken(
          context,
          principalOf(c).userId,
          body.name.trim(),
          body.expiresAt,
        );
        return c.json({ ...apiTokenView(doc), token }, 201);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/auth/tokens/:id',
      summary: { en: 'Revoke one of my API tokens', 'zh-CN': '吊销我的一个 API 令牌' },
      tags: ['accounts'],
      guard: guards.signedIn(),
      responses: { 200: Type.Object({ deleted: Type.Literal(true) }), 404: ErrorSchema },
      handler: async (c) => {
        await deleteApiToken(context, principalOf(c).userId, c.req.param('id') ?? '');
        return c.json({ deleted: true as const });
      },
    }),
  ];
}
