import { createHash } from 'node:crypto';
import type { WEBHOOK_DELIVERY_STATUSES } from '@tessera/core/api';
import type { Stored } from '@tessera/runtime';
import type { WebhookEvent, WebhookEventType } from './event-types.ts';

export const DELIVERY_TYPE = 'webhook-delivery';

export type DeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event owed to one subscription (`webhook-delivery:<hash>`), the outbox entry the
 * dispatcher works from. While `pending` it is due at `nextAttemptAt`; a dispatcher claims it by
 * compare-and-swap (`claimedBy`, `claimedUntil`, and `nextAttemptAt` moved to the lease's end,
 * so a claim that is never finished becomes due again when its lease runs out).
 */
export interface DeliveryFields {
  readonly schemaVersion: number;
  readonly webhook: string;
  readonly event: WebhookEventType;
  readonly eventKey: string;
  /** The body that is posted: the event as published. */
  readonly payload: WebhookEvent;
  readonly status: DeliveryStatus;
  /** Attempts started in this round (a manual retry starts a new round). */
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly claimedBy?: string;
  readonly claimedUntil?: string;
  readonly lastAttemptAt?: string;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly lastDurationMs?: number;
  /** Why a failed delivery stopped: `gone`, `refused`, `exhausted`, `webhook_missing`. */
  readonly failReason?: string;
  readonly finishedAt?: string;
  readonly manualRetries?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type DeliveryDocument = Stored<DeliveryFields>;

/**
 * The id of the delivery of one event to one subscription: the same inputs give the same id, so
 * publishing an event twice (a retried request, a crash and retry) creates it once.
 */
export function deliveryIdOf(webhookId: string, eventKey: string): string {
  const digest = createHash('sha256').update(`${webhookId}\n${eventKey}`).digest('base64url');
  return `${DELIVERY_TYPE}:${digest}`;
}

const OPTIONAL = [
  'lastAttemptAt',
  'lastStatus',
  'lastError',
  'lastDurationMs',
  'failReason',
  'finishedAt',
] as const;

export function deliveryView(doc: DeliveryDocument) {
  const optional = Object.fromEntries(
    OPTIONAL.flatMap((key) => (doc[key] === undefined ? [] : [[key, doc[key]]])),
  );
  return {
    id: doc._id,
    webhook: doc.webhook,
    event: doc.event,
    eventKey: doc.eventKey,
    status: doc.status,
    attempts: doc.attempts,
    ...(doc.status === 'pending' ? { nextAttemptAt: doc.nextAttemptAt } : {}),
    ...optional,
    createdAt: doc.createdAt,
  };
}
