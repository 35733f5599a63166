import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import { contentDisposition } from '../files/content-disposition.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import { pageOf } from '../storage/read-page.ts';
import { describeView } from './describe-view.ts';
import { exportFile } from './export-file.ts';
import { viewRequestOf } from './view-query-params.ts';
import type { ViewService, ViewsContext } from './view-service.ts';

/**
 * Views (查询统计) of published apps: their descriptions, rows, group-by totals and exports.
 * Any signed-in user may call them; every read holds only the records of their row scope.
 */
export function viewRoutes(context: ViewsContext, views: ViewService): ApiRoute[] {
  const open = async (
    c: Context<ApiEnv>,
    query: { filter?: string; q?: string; sort?: string },
  ) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('view routes are guarded: a principal is present');
    const caller = await callerOf(context.storage, principal);
    const locale = localeOf(c);
    const request = viewRequestOf(query);
    const opened = await views.open(
      c.req.param('app') ?? '',
      c.req.param('view') ?? '',
      caller,
      request,
      locale,
    );
    return { opened, locale };
  };
  return [
    implement(api.views.list, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const locale = localeOf(c);
        const { app, views: defined } = await views.definitions(c.req.param('app') ?? '');
        return c.json({
          items: defined.map((view) => describeView(context.platform, app, view, locale)),
        });
      },
    }),
    implement(api.views.rows, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const page = pageOf(query);
        const { opened, locale } = await open(c, query);
        return c.json(await views.rows(opened, page, locale));
      },
    }),
    implement(api.views.summary, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const { opened, locale } = await open(c, query);
        return c.json(await views.summary(opened, locale));
      },
    }),
    implement(api.views.export, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const format = query.format ?? 'xlsx';
        const { opened, locale } = await open(c, query);
        const rows = await views.allRows(opened, locale);
        const file = await exportFile(opened, rows, format, locale, new Date(context.now()));
        return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': file.type,
          'Content-Length': String(file.bytes.byteLength),
          'Content-Disposition': contentDisposition(file.name),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-cache',
        });
      },
    }),
  ];
}
