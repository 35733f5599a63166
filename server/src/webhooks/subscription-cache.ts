import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { WEBHOOK_TYPE, type WebhookDocument, type WebhookFields } from './webhook-document.ts';
import { mayHaveWebhooks } from './webhook-registry.ts';

/**
 * How long a server reuses the list of active subscriptions when publishing: a subscription
 * made, changed or deleted on another server takes effect there within this time; on the same
 * server at once (its routes call `invalidate`).
 */
export const SUBSCRIPTION_CACHE_MS = 2000;

export interface SubscriptionCache {
  /** The active subscriptions, read from the `webhooks-active` index at most every `ttlMs`. */
  active(): Promise<readonly WebhookDocument[]>;
  /** Forget the list: the next `active()` reads it again. */
  invalidate(): void;
}

export function subscriptionCache(
  context: StoreContext,
  ttlMs: number = SUBSCRIPTION_CACHE_MS,
): SubscriptionCache {
  let cached: { readonly at: number; readonly list: Promise<WebhookDocument[]> } | undefined;
  return {
    active() {
      const now = context.now();
      if (cached === undefined || now - cached.at >= ttlMs || now < cached.at) {
        const read = async () =>
          (await mayHaveWebhooks(context.storage))
            ? readAll<WebhookFields>(context.storage, {
                index: INDEX.webhooksActive,
                selector: { type: WEBHOOK_TYPE, active: true },
              })
            : [];
        const list = read().catch((error: unknown) => {
          cached = undefined;
          throw error;
        });
        cached = { at: now, list };
      }
      return cached.list;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
