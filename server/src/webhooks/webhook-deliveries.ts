import { ApiError } from '../http/api-error.ts';
import { type PageQuery, pageOf, readPage } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import {
  DELIVERY_TYPE,
  type DeliveryDocument,
  type DeliveryFields,
  deliveryView,
} from './delivery-document.ts';

const deliveryNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `this webhook has no delivery "${id.slice(0, 80)}"`,
    'zh-CN': `此 Webhook 没有投递“${id.slice(0, 80)}”`,
  });

/** A subscription's deliveries, newest first. */
export async function listDeliveries(context: StoreContext, webhook: string, query: PageQuery) {
  const page = await readPage<DeliveryFields>(context.storage, {
    index: INDEX.deliveriesByWebhook,
    selector: { type: DELIVERY_TYPE, webhook },
    sort: [{ type: 'desc' }, { webhook: 'desc' }, { createdAt: 'desc' }],
    ...pageOf(query),
  });
  return { items: page.docs.map(deliveryView), ...(page.next ? { next: page.next } : {}) };
}

/**
 * Queues a delivery again at once, for a new round of attempts (a failed one, or a pending one
 * brought forward). A delivery being sent right now is left alone (409 `delivery_in_flight`).
 */
export async function retryDelivery(
  context: StoreContext,
  webhook: string,
  id: string,
): Promise<DeliveryDocument> {
  const found = await readTyped<DeliveryFields>(context.storage, id, DELIVERY_TYPE);
  if (!found || found.webhook !== webhook) throw deliveryNotFound(id);
  const now = isoNow(context);
  await context.storage.mutate<DeliveryFields>(id, (doc) => {
    if (doc.claimedUntil !== undefined && doc.claimedUntil > now) {
      throw new ApiError(409, 'delivery_in_flight', {
        en: 'this delivery is being sent right now; look again in a moment',
        'zh-CN': '此投递正在发送中，请稍后再查看',
      });
    }
    const {
      claimedBy: _by,
      claimedUntil: _until,
      finishedAt: _at,
      failReason: _why,
      ...rest
    } = doc;
    return {
      ...rest,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      manualRetries: (doc.manualRetries ?? 0) + 1,
      updatedAt: now,
    };
  });
  const updated = await readTyped<DeliveryFields>(context.storage, id, DELIVERY_TYPE);
  if (!updated) throw deliveryNotFound(id);
  return updated;
}
