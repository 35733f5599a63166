import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@tessera/core/api';

/**
 * The events a webhook may subscribe to live in the API contract (`@tessera/core/api`). The
 * record service publishes the record events and the flow service the flow ones, both through
 * the same `EventPublisher`.
 */
export {
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '@tessera/core/api';

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
