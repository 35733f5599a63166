import type { StoreContext } from '../storage/store-context.ts';
import type { LookupAll } from './check-destination.ts';
import { type SubscriptionCache, subscriptionCache } from './subscription-cache.ts';

/** Settings of the webhook side of an app (all optional; the defaults are for production). */
export interface WebhookOptions {
  /**
   * Accept loopback, private, link-local and CGNAT destinations (tests, on-premises receivers).
   * Off by default: such URLs are refused when subscribing and when delivering.
   */
  readonly allowPrivate?: boolean;
  /** Resolves destination hosts; the system resolver by default. */
  readonly lookup?: LookupAll;
  /** How long the active subscriptions are reused when publishing (`SUBSCRIPTION_CACHE_MS`). */
  readonly cacheMs?: number;
}

/** What the subscription routes and the publisher share. */
export interface WebhooksContext extends StoreContext {
  readonly destinations: { readonly allowPrivate?: boolean; readonly lookup?: LookupAll };
  readonly subscriptions: SubscriptionCache;
}

export function webhooksContext(
  store: StoreContext,
  options: WebhookOptions = {},
): WebhooksContext {
  return {
    storage: store.storage,
    now: store.now,
    destinations: {
      ...(options.allowPrivate === undefined ? {} : { allowPrivate: options.allowPrivate }),
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    },
    subscriptions: subscriptionCache(store, options.cacheMs),
  };
}
