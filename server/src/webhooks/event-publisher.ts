import { ConflictError } from '@tessera/runtime';
import { DOCUMENT_VERSION } from '../storage/typed-document.ts';
import { DELIVERY_TYPE, type DeliveryFields, deliveryIdOf } from './delivery-document.ts';
import type { WebhookEvent } from './event-types.ts';
import { wantsEvent } from './webhook-document.ts';
import type { WebhooksContext } from './webhooks-context.ts';

/** Turns events into outbox entries; the dispatcher sends them. */
export interface EventPublisher {
  /**
   * Creates one `webhook-delivery` per active subscription that wants the event, and returns
   * how many are owed. Idempotent: the delivery id comes from the subscription and `event.key`,
   * so publishing the same event again (a retried request) creates nothing more.
   */
  publish(event: WebhookEvent): Promise<number>;
}

export function createEventPublisher(context: WebhooksContext): EventPublisher {
  return {
    async publish(event) {
      const hooks = (await context.subscriptions.active()).filter((hook) =>
        wantsEvent(hook, event),
      );
      const now = new Date(context.now()).toISOString();
      for (const hook of hooks) {
        const delivery: DeliveryFields = {
          schemaVersion: DOCUMENT_VERSION,
          webhook: hook._id,
          event: event.type,
          eventKey: event.key,
          payload: event,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        };
        try {
          await context.storage.create<DeliveryFields>({
            ...delivery,
            _id: deliveryIdOf(hook._id, event.key),
            type: DELIVERY_TYPE,
          });
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error; // else: owed already
        }
      }
      return hooks.length;
    },
  };
}
