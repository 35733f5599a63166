import { type AppDefinition, appOutline, Type } from '@tessera/core';
import { ColleagueViewSchema } from '../accounts/colleague-view.ts';
import type { AppStore } from '../apps/app-store.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { callerOf } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import type { RecordsContext } from '../records/record-service.ts';
import { DIRECTORY_LIMIT, findColleagues } from './people-directory.ts';
import { startableFlows } from './startable-flows.ts';
import { workspaceApps } from './workspace-apps.ts';

const Loose = Type.Object({}, { additionalProperties: true });

/** The end-user app's start: the published apps and their flows and views; the colleagues. */
export function workspaceRoutes(context: RecordsContext, apps: AppStore): ApiRoute[] {
  const published = publishedApps(context.storage);
  return [
    defineRoute({
      method: 'get',
      path: '/workspace',
      summary: {
        en: 'Published apps with the flows to start, tables and views',
        'zh-CN': '已发布的应用及其可发起的流程、表与视图',
      },
      description: {
        en: 'Each app at its latest published version. Records and items stay within your row scope.',
        'zh-CN': '每个应用取最新发布版本。记录与事项仍限于您的行权限范围。',
      },
      tags: ['workspace'],
      guard: guards.signedIn(),
      responses: { 200: Type.Object({ apps: Type.Array(Loose) }) },
      handler: async (c) => {
        const caller = await callerOf(context.storage, c.get('principal')!);
        const found = [];
        for (const { definition, version } of await workspaceApps(apps, published)) {
          const app = definition as AppDefinition;
          const outline = appOutline(app, version);
          // each flow says whether the start route would let the caller start it (新建 lists those)
          const mine = await startableFlows(context, app, caller);
          found.push({
            ...outline,
            flows: outline.flows.map((flow) => ({ ...flow, startable: mine.has(flow.id) })),
          });
        }
        return c.json({ apps: found });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/directory/users',
      summary: { en: 'Find colleagues by name', 'zh-CN': '按姓名查找同事' },
      description: {
        en: `Active users whose name or username contains q (at most ${DIRECTORY_LIMIT}), or the users listed in ids (comma-separated), as colleagues: id, username, display name, department and position only, for admins too.`,
        'zh-CN': `姓名或用户名包含 q 的在职用户（最多 ${DIRECTORY_LIMIT} 个），或 ids（逗号分隔）列出的用户；只含 ID、用户名、显示名、部门与职位（管理员亦然）。`,
      },
      tags: ['workspace'],
      guard: guards.signedIn(),
      query: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 100 })),
        ids: Type.Optional(Type.String({ maxLength: 20000 })),
      }),
      responses: { 200: Type.Object({ items: Type.Array(ColleagueViewSchema) }) },
      handler: async (c, { query }) => {
        const ids = query.ids?.split(',').filter(Boolean);
        return c.json({
          items: await findColleagues(context, {
            ...(query.q === undefined ? {} : { q: query.q }),
            ...(ids ? { ids } : {}),
          }),
        });
      },
    }),
  ];
}
