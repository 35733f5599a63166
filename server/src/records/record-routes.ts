import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { idempotencyKeyOf } from '../http/idempotency-key.ts';
import { localeOf } from '../http/locale.ts';
import { pageOf } from '../storage/read-page.ts';
import { callerOf } from './caller.ts';
import { publishedApps } from './published-apps.ts';
import { recordHistory } from './record-history.ts';
import type { RecordService, RecordsContext } from './record-service.ts';
import { relatedRoute } from './related-routes.ts';

const params = (c: Context<ApiEnv>) => ({
  app: c.req.param('app') ?? '',
  table: c.req.param('table') ?? '',
  id: c.req.param('id') ?? '',
});

const signedIn = guards.signedIn;

/**
 * Records of published apps. Any signed-in user may call these; what they may see and change
 * is decided by their app roles and the row rules (`/apps/{id}/roles`), inside the query.
 */
export function recordRoutes(context: RecordsContext, records: RecordService): ApiRoute[] {
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('record routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  return [
    implement(api.records.list, {
      guard: signedIn(),
      handler: async (c, { query }) => {
        const { app, table } = params(c);
        return c.json(await records.list(app, table, await caller(c), pageOf(query)));
      },
    }),
    implement(api.records.create, {
      guard: signedIn(),
      handler: async (c, { body }) => {
        const { app, table } = params(c);
        const key = idempotencyKeyOf(c);
        const created = await records.create(app, table, body.values, await caller(c), {
          locale: localeOf(c),
          ...(key === undefined ? {} : { idempotencyKey: key }),
        });
        const replayed = created.replayed ? { 'Idempotent-Replayed': 'true' } : undefined;
        return c.json(created.record, 201, replayed);
      },
    }),
    implement(api.records.get, {
      guard: signedIn(),
      handler: async (c) => {
        const { app, table, id } = params(c);
        return c.json(await records.get(app, table, id, await caller(c)));
      },
    }),
    implement(api.records.update, {
      guard: signedIn(),
      handler: async (c, { body }) => {
        const { app, table, id } = params(c);
        const patch = { rev: body._rev, values: body.values };
        return c.json(await records.update(app, table, id, patch, await caller(c), localeOf(c)));
      },
    }),
    implement(api.records.remove, {
      guard: signedIn(),
      handler: async (c, { query }) => {
        const { app, table, id } = params(c);
        await records.remove(app, table, id, query.rev, await caller(c));
        return c.json({ deleted: true as const });
      },
    }),
    implement(api.records.history, {
      guard: signedIn(),
      handler: async (c, { query }) => {
        const page = await recordHistory(
          context.storage,
          c.req.param('id') ?? '',
          await caller(c),
          pageOf(query),
        );
        const items = page.docs.map(({ _id, at, actor, action, before, after, recovered }) => ({
          id: _id,
          at,
          actor,
          action,
          ...(before === undefined ? {} : { before }),
          ...(after === undefined ? {} : { after }),
          ...(recovered === true ? { recovered } : {}),
        }));
        return c.json({ items, ...(page.next ? { next: page.next } : {}) });
      },
    }),
    relatedRoute(context, publishedApps(context.storage), caller),
  ];
}
