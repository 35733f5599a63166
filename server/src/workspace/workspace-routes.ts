import type { AppDefinition } from '@tessera/core';
import { appOutline } from '@tessera/core';
import { api } from '@tessera/core/api';
import type { AppStore } from '../apps/app-store.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { callerOf } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import type { RecordsContext } from '../records/record-service.ts';
import { findColleagues } from './people-directory.ts';
import { startableFlows } from './startable-flows.ts';
import { workspaceApps } from './workspace-apps.ts';

/** The end-user app's start: the published apps and their flows and views; the colleagues. */
export function workspaceRoutes(context: RecordsContext, apps: AppStore): ApiRoute[] {
  const published = publishedApps(context.storage);
  return [
    implement(api.workspace.get, {
      guard: guards.signedIn(),
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
    implement(api.workspace.colleagues, {
      guard: guards.signedIn(),
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
