import { type Platform, Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { describePlatform } from '../platform/describe-platform.ts';
import { PlatformDescriptionSchema } from '../platform/platform-description-schema.ts';
import { SERVER_VERSION } from '../version.ts';

/** `GET /health` and `GET /platform`: liveness and what the installed plugins contribute. */
export function infoRoutes(platform: Platform): ApiRoute[] {
  const description = describePlatform(platform);
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      summary: { en: 'Liveness and server version', 'zh-CN': '存活检查与服务器版本' },
      tags: ['platform'],
      // public: a constant answer for load balancers; reads no stored data
      guard: guards.public(),
      responses: {
        200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }),
      },
      handler: (c) => c.json({ status: 'ok', version: SERVER_VERSION }),
    }),
    defineRoute({
      method: 'get',
      path: '/platform',
      summary: {
        en: 'Installed plugins and what they contribute',
        'zh-CN': '已安装的插件及其提供的类型与函数',
      },
      tags: ['platform'],
      // public: describes the code shipped with this build (plugin names, labels, function
      // signatures); no stored data, nothing about accounts or apps
      guard: guards.public(),
      responses: { 200: PlatformDescriptionSchema },
      handler: (c) => c.json(description),
    }),
  ];
}
