import { api } from '@tessera/core/api';
import { type FlowInstance, flowAnalytics } from '@tessera/runtime/flow';
import { INSTANCE_TYPE } from '@tessera/runtime/flow-store';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { idempotencyKeyOf } from '../http/idempotency-key.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { pageOf, readAll } from '../storage/read-page.ts';
import { inboxCounts, inboxPage } from './flow-inbox.ts';
import { INSTANCES_BY_FLOW } from './flow-indexes.ts';
import type { FlowService, FlowsContext } from './flow-service.ts';
import { simulateDraft } from './flow-simulation.ts';

const DESIGNERS = guards.role('admin', 'designer', 'implementer');

/** Flow items: start one, act on it, read it; the inbox; simulation and analytics for designers. */
export function flowRoutes(context: FlowsContext, flows: FlowService): ApiRoute[] {
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('flow routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  const param = (c: Context<ApiEnv>, name: string) => c.req.param(name) ?? '';
  const inbox = { ...context, published: publishedApps(context.storage) };
  return [
    implement(api.flows.start, {
      guard: guards.signedIn(),
      handler: async (c, { body }) => {
        const key = idempotencyKeyOf(c);
        const item = await flows.start(param(c, 'app'), param(c, 'flow'), body, await caller(c), {
          locale: localeOf(c),
          ...(key === undefined ? {} : { key }),
        });
        return c.json(item, 201);
      },
    }),
    implement(api.flows.item, {
      guard: guards.signedIn(),
      handler: async (c) => c.json(await flows.view(param(c, 'id'), await caller(c))),
    }),
    implement(api.flows.act, {
      guard: guards.signedIn(),
      // the schema told the commands apart by type and named any missing or unknown field
      handler: async (c, { body }) => {
        const key = idempotencyKeyOf(c);
        const item = await flows.act(param(c, 'id'), body, await caller(c), {
          locale: localeOf(c),
          ...(key === undefined ? {} : { key }),
        });
        return c.json(item);
      },
    }),
    implement(api.flows.inbox, {
      guard: guards.signedIn(),
      handler: async (c, { query }) =>
        c.json(
          await inboxPage(inbox, (await caller(c)).userId, query.box, {
            ...pageOf(query),
            ...(query.q ? { q: query.q } : {}),
          }),
        ),
    }),
    implement(api.flows.inboxCounts, {
      guard: guards.signedIn(),
      handler: async (c) => c.json(await inboxCounts(context, (await caller(c)).userId)),
    }),
    implement(api.flows.simulate, {
      guard: DESIGNERS,
      handler: async (c, { body }) => {
        const initiator = body.initiator ?? (await caller(c)).userId;
        return c.json(
          await simulateDraft(context, param(c, 'app'), param(c, 'flow'), { ...body, initiator }),
        );
      },
    }),
    implement(api.flows.analytics, {
      guard: DESIGNERS,
      handler: async (c) => {
        const instances = await readAll<FlowInstance>(context.storage, {
          index: INSTANCES_BY_FLOW,
          selector: { type: INSTANCE_TYPE, app: param(c, 'app'), flow: param(c, 'flow') },
        });
        return c.json(flowAnalytics(instances));
      },
    }),
  ];
}
