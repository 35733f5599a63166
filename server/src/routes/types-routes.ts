import { type Platform, Type } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { appTypes } from '../types/app-types.ts';
import { DefinitionBodySchema, issueBodies } from './validate-routes.ts';

/**
 * `POST /apps/types`: the TypeScript declarations of a valid app's records, as text/plain.
 * An invalid app is a 400 whose error lists every issue (the first one names the field).
 */
export function typesRoutes(platform: Platform): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/apps/types',
      summary: {
        en: "TypeScript declarations of an app's records",
        'zh-CN': '生成应用记录的 TypeScript 类型声明',
      },
      tags: ['definitions'],
      // public: generates text from the posted definition; nothing stored is read or written
      guard: guards.public(),
      body: DefinitionBodySchema('An app definition'),
      responses: {
        200: {
          description: { en: 'One exported interface per table', 'zh-CN': '每个表一个导出的接口' },
          content: { 'text/plain': Type.String() },
        },
        400: ErrorSchema,
      },
      handler: async (c, { body }) => {
        const locale = localeOf(c);
        const result = platform.validateApp(body);
        if (!result.ok) {
          const first = result.issues[0]!;
          const count = result.issues.length;
          throw new ApiError(
            400,
            'invalid_app',
            {
              en: `the app definition has ${count} issue${count === 1 ? '' : 's'}; the first: ${first.path || '/'}: ${first.message.en}`,
              'zh-CN': `应用定义有 ${count} 个问题；第一个：${first.path || '/'}：${first.message['zh-CN']}`,
            },
            first.path,
            { issues: issueBodies(result.issues, locale) },
          );
        }
        const text = await appTypes(platform, result.value);
        return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
      },
    }),
  ];
}
