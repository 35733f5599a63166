import type { Platform } from '@tessera/core';
import { api } from '@tessera/core/api';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { appTypes } from '../types/app-types.ts';
import { issueBodies } from './validate-routes.ts';

/**
 * `POST /apps/types`: the TypeScript declarations of a valid app's records, as text/plain.
 * An invalid app is a 400 whose error lists every issue (the first one names the field).
 */
export function typesRoutes(platform: Platform): ApiRoute[] {
  return [
    implement(api.platform.appTypes, {
      // public: generates text from the posted definition; nothing stored is read or written
      guard: guards.public(),
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
