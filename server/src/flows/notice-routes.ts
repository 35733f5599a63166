import { Type } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { publishedApps } from '../records/published-apps.ts';
import { pageOf, pageQueryFields, readPage } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { withNoticeDetails } from './notice-details.ts';
import { NOTICE_TYPE, type NoticeFields } from './notices.ts';

const NoticeSchema = Type.Object(
  {
    id: Type.String(),
    reason: Type.String({
      description:
        'a flow notice: cc, urge, remind, overdue, returned or ended; a record reminder: reminder',
    }),
    app: Type.String(),
    flow: Type.Optional(Type.String({ description: 'flow notices' })),
    instance: Type.Optional(Type.String({ description: 'the flow item (flow notices)' })),
    task: Type.Optional(Type.String()),
    table: Type.Optional(Type.String({ description: "the record's table (record reminders)" })),
    record: Type.Optional(Type.String({ description: 'the record (record reminders)' })),
    reminder: Type.Optional(Type.String({ description: "the reminder's id (record reminders)" })),
    kind: Type.Optional(
      Type.Union([Type.Literal('due'), Type.Literal('overdue')], {
        description: 'record reminders: the date is coming up, or has passed',
      }),
    ),
    date: Type.Optional(Type.String({ description: "the record's date (record reminders)" })),
    createdAt: Type.String(),
    readAt: Type.Optional(Type.String()),
    title: Type.Optional(Type.String({ description: "the item's or the record's title" })),
    appLabel: Type.Optional(Type.Unknown()),
    flowLabel: Type.Optional(Type.Unknown()),
    tableLabel: Type.Optional(Type.Unknown()),
    reminderLabel: Type.Optional(Type.Unknown()),
    message: Type.Optional(Type.Unknown()),
    initiatorName: Type.Optional(Type.String()),
  },
  { title: 'Notice' },
);

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
export function noticeRoutes(context: StoreContext): ApiRoute[] {
  const userOf = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('notice routes are guarded: a principal is present');
    return principal.userId;
  };
  const published = publishedApps(context.storage);
  return [
    defineRoute({
      method: 'get',
      path: '/notices',
      summary: { en: 'My notices, newest first', 'zh-CN': '我的消息（最新在前）' },
      tags: ['flows'],
      guard: guards.signedIn(),
      query: Type.Object(pageQueryFields),
      responses: {
        200: Type.Object({ items: Type.Array(NoticeSchema), next: Type.Optional(Type.String()) }),
      },
      handler: async (c, { query }) => {
        const user = userOf(c);
        const page = await readPage<NoticeFields>(context.storage, {
          index: 'notices-by-user',
          selector: { type: NOTICE_TYPE, user },
          sort: [{ type: 'desc' }, { user: 'desc' }, { createdAt: 'desc' }],
          ...pageOf(query),
        });
        const items = await withNoticeDetails(
          context.storage,
          published,
          page.docs.map(view),
          user,
        );
        return c.json({ items, ...(page.next ? { next: page.next } : {}) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/notices/:id/read',
      summary: { en: 'Mark a notice read', 'zh-CN': '将消息标为已读' },
      tags: ['flows'],
      guard: guards.signedIn(),
      responses: { 200: NoticeSchema, 404: ErrorSchema },
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
