import type { Platform } from '@tessera/core';
import { Hono } from 'hono';
import { ApiError } from '../http/api-error.ts';
import { localeOf } from '../http/locale.ts';
import { readJsonObject } from '../http/read-json.ts';
import { appTypes } from '../types/app-types.ts';
import { issueBodies } from './validate-routes.ts';

/**
 * `POST /apps/types`: the TypeScript declarations of a valid app's records, as text/plain.
 * An invalid app is a 400 whose error lists every issue (the first one names the field).
 */
export function typesRoutes(platform: Platform): Hono {
  const routes = new Hono();
  routes.post('/apps/types', async (c) => {
    const locale = localeOf(c);
    const result = platform.validateApp(await readJsonObject(c, 'an app definition'));
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
  });
  return routes;
}
