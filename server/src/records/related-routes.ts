import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import type { PublishedApps } from './published-apps.ts';
import type { RecordsContext } from './record-service.ts';
import { relatedRecords } from './related-records.ts';
import type { Caller } from './row-scope.ts';

/** 关联数据: the records of the app that link to a record, by table and link field. */
export function relatedRoute(
  context: RecordsContext,
  published: PublishedApps,
  caller: (c: Context<ApiEnv>) => Promise<Caller>,
): ApiRoute {
  return implement(api.records.related, {
    guard: guards.signedIn(),
    handler: async (c) =>
      c.json(
        await relatedRecords(
          context,
          published,
          c.req.param('app') ?? '',
          c.req.param('id') ?? '',
          await caller(c),
        ),
      ),
  });
}
