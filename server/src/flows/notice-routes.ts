import type { Platform } from '@tessera/core';
import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { publishedApps } from '../records/published-apps.ts';
import { pageOf, readPage } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { withNoticeDetails } from './notice-details.ts';
import { NOTICE_TYPE, type NoticeFields } from './notices.ts';

const view = ({
  _id,
  _rev,
  type,
  user,
  ...rest
}: NoticeFields & { _id: string; _rev: string }) => ({ id: _id, ...rest });

const notFound = (id: string) =>
  new ApiError(404, 'notice_not_found', {
    en: `you have no notice "${id}"`,
    'zh-CN': `您没有消息“${id}”`,
  });

/**
 * The caller's in-app notices (消息): a flow's reminders, urges, overdue marks, CC items and
 * ends, and record reminders (数据提醒: a record's date is due or has passed).
 */
export function noticeRoutes(context: StoreContext & { readonly platform: Platform }): ApiRoute[] {
  const userOf = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('notice routes are guarded: a principal is present');
    return principal.userId;
  };
  const published = publishedApps(context.storage);
  return [
    implement(api.notices.list, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const user = userOf(c);
        const page = await readPage<NoticeFields>(context.storage, {
          index: 'notices-by-user',
          selector: { type: NOTICE_TYPE, user },
          sort: [{ type: 'desc' }, { user: 'desc' }, { createdAt: 'desc' }],
          ...pageOf(query),
        });
        const items = await withNoticeDetails(
          { storage: context.storage, published, platform: context.platform },
          page.docs.map(view),
          user,
        );
        return c.json({ items, ...(page.next ? { next: page.next } : {}) });
      },
    }),
    implement(api.notices.read, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const user = userOf(c);
        const found = await context.storage.get<NoticeFields>(id);
        if (found?.type !== NOTICE_TYPE || found.user !== user) throw notFound(id);
        if (found.readAt) return c.json(view(found));
        const readAt = isoNow(context);
        await context.storage.mutate<NoticeFields>(id, (current) =>
          current.readAt ? undefined : { ...current, readAt },
        );
        return c.json(view({ ...found, readAt }));
      },
    }),
  ];
}
