import { Type } from 'typebox';
import type { Bilingual } from '../i18n/localized.ts';

/**
 * The events a webhook may subscribe to, with what each means. One list, read by the route
 * schema, the server's publisher and the document.
 */
export const WEBHOOK_EVENT_TYPES = {
  'record.created': { en: 'a record was created', 'zh-CN': '新建了记录' },
  'record.updated': { en: 'a record was changed', 'zh-CN': '修改了记录' },
  'record.deleted': { en: 'a record was deleted', 'zh-CN': '删除了记录' },
  'flow.submitted': { en: 'a flow item was submitted', 'zh-CN': '提交了流程事项' },
  'task.created': { en: 'a task reached someone', 'zh-CN': '产生了待办' },
  'task.completed': {
    en: 'a task was approved, rejected, returned or transferred',
    'zh-CN': '待办被同意、驳回、回退或转办',
  },
  'flow.ended': { en: 'a flow item ended', 'zh-CN': '流程事项结束' },
} as const satisfies Record<string, Bilingual>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** What the API shows of a subscription: everything but the secret. */
export const WebhookViewSchema = Type.Object(
  {
    id: Type.String({ description: 'webhook:<ulid>' }),
    _rev: Type.String({ description: 'the revision read: send it back to change it' }),
    url: Type.String(),
    events: Type.Array(Type.String()),
    app: Type.Optional(Type.String()),
    table: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    active: Type.Boolean(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Webhook' },
);

/** A subscription as made or rotated: with its signing secret, shown this once. */
export const WebhookWithSecretSchema = Type.Object(
  {
    ...WebhookViewSchema.properties,
    secret: Type.String({ description: 'the signing secret: shown this once, store it now' }),
  },
  { title: 'WebhookWithSecret' },
);

/** One event owed to one subscription, as the delivery log shows it. */
export const WebhookDeliveryViewSchema = Type.Object(
  {
    id: Type.String(),
    webhook: Type.String(),
    event: Type.String(),
    eventKey: Type.String(),
    status: Type.Union(WEBHOOK_DELIVERY_STATUSES.map((status) => Type.Literal(status))),
    attempts: Type.Integer(),
    nextAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
    lastAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
    lastStatus: Type.Optional(Type.Integer({ description: 'HTTP status of the last answer' })),
    lastError: Type.Optional(Type.String({ description: 'why the last attempt failed' })),
    lastDurationMs: Type.Optional(Type.Number()),
    failReason: Type.Optional(Type.String()),
    finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'WebhookDelivery' },
);
