import { Type } from 'typebox';
import { LocalizedTextSchema } from '../model/common.ts';
import { ErrorSchema, pageQueryFields } from './common-schemas.ts';
import { route } from './route-contract.ts';

export const NoticeSchema = Type.Object(
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
    appLabel: Type.Optional(LocalizedTextSchema),
    flowLabel: Type.Optional(LocalizedTextSchema),
    tableLabel: Type.Optional(LocalizedTextSchema),
    reminderLabel: Type.Optional(LocalizedTextSchema),
    message: Type.Optional(LocalizedTextSchema),
    initiatorName: Type.Optional(Type.String()),
  },
  { title: 'Notice' },
);

const tags = ['flows'];

/**
 * The caller's in-app notices (消息): a flow's reminders, urges, overdue marks, CC items and
 * ends, and record reminders (数据提醒: a record's date is due or has passed).
 */
export const noticesApi = {
  list: route({
    method: 'get',
    path: '/notices',
    summary: { en: 'My notices, newest first', 'zh-CN': '我的消息（最新在前）' },
    tags,
    query: Type.Object(pageQueryFields),
    responses: {
      200: Type.Object({ items: Type.Array(NoticeSchema), next: Type.Optional(Type.String()) }),
    },
  }),
  read: route({
    method: 'post',
    path: '/notices/:id/read',
    summary: { en: 'Mark a notice read', 'zh-CN': '将消息标为已读' },
    tags,
    responses: { 200: NoticeSchema, 404: ErrorSchema },
  }),
};
