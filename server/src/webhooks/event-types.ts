import type { Bilingual } from '@tessera/core';

/**
 * The events a webhook may subscribe to, with what each means. One list, read by the route
 * schema, the publisher and the document. The record service publishes the record events and
 * the flow service the flow ones, both through the same `EventPublisher`.
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

export const isWebhookEventType = (name: string): name is WebhookEventType =>
  Object.hasOwn(WEBHOOK_EVENT_TYPES, name);

/** The event each audited record action publishes (the audit entry and the event share a key). */
export const RECORD_EVENT_OF_ACTION: Readonly<Record<string, WebhookEventType>> = {
  'record.create': 'record.created',
  'record.update': 'record.updated',
  'record.delete': 'record.deleted',
};

/**
 * One thing that happened, as the outbox stores it and a receiver gets it as the body.
 * `key` identifies the happening (`<record id>@<rev>` for record events, as its audit entry):
 * publishing the same key twice makes no second delivery.
 */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly app?: string;
  readonly table?: string;
  /** The id of the document the event is about (a record id). */
  readonly subject: string;
  readonly key: string;
  /** ISO time of the change. */
  readonly at: string;
  /** The user who made the change, or `system`. */
  readonly actor: string;
  readonly data: { readonly before?: unknown; readonly after?: unknown };
}
