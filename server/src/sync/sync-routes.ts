import { api, MAX_KNOWN } from '@tessera/core/api';
import type { Context } from 'hono';
import type { AppStore } from '../apps/app-store.ts';
import type { FlowService, FlowsContext } from '../flows/flow-service.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { workspaceApps } from '../workspace/workspace-apps.ts';
import { applyOutbox } from './apply-outbox.ts';
import { workingSet } from './working-set.ts';

/**
 * Offline sync for the end-user app (decision 0022). A browser pulls its person's working set
 * as a difference against what it holds, and pushes its outbox of writes made offline, each
 * applied as if made online now. Nothing else of the database is reachable this way, and
 * nothing is written but through the record and flow services.
 */
export function syncRoutes(
  context: FlowsContext,
  services: { readonly flows: FlowService },
  apps: AppStore,
): ApiRoute[] {
  const published = publishedApps(context.storage);
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('sync routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  return [
    implement(api.sync.pull, {
      guard: guards.signedIn(),
      handler: async (c, { body }) => {
        const known = Object.entries(body.known);
        if (known.length > MAX_KNOWN) {
          throw new ApiError(
            400,
            'too_many_known',
            {
              en: `known may list at most ${MAX_KNOWN} documents`,
              'zh-CN': `known 最多列出 ${MAX_KNOWN} 个文档`,
            },
            '/known',
          );
        }
        const who = await caller(c);
        const latest = await workspaceApps(apps, published);
        const docs = await workingSet({ ...context, published }, services.flows, who, latest);
        const held = new Map(known);
        const ids = new Set(docs.map((doc) => doc.id));
        return c.json({
          docs: docs.filter((doc) => held.get(doc.id) !== doc.rev),
          removed: known.map(([id]) => id).filter((id) => !ids.has(id)),
          at: new Date(context.now()).toISOString(),
        });
      },
    }),
    implement(api.sync.push, {
      guard: guards.signedIn(),
      handler: async (c, { body }) => {
        const results = await applyOutbox(
          { flows: services.flows, records: context.records },
          await caller(c),
          body.commands,
          localeOf(c),
        );
        return c.json({ results });
      },
    }),
  ];
}
