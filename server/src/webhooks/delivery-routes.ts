import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { deliveryView } from './delivery-document.ts';
import { listDeliveries, retryDelivery } from './webhook-deliveries.ts';
import { getWebhook } from './webhook-subscriptions.ts';
import type { WebhooksContext } from './webhooks-context.ts';

const admin = () => guards.role('admin');

/** A webhook's delivery log, and sending one again: admins only. */
export function deliveryRoutes(context: WebhooksContext): ApiRoute[] {
  return [
    implement(api.webhooks.deliveries, {
      guard: admin(),
      handler: async (c, { query }) => {
        const hook = await getWebhook(context, c.req.param('id') ?? '');
        return c.json(await listDeliveries(context, hook._id, query));
      },
    }),
    implement(api.webhooks.retryDelivery, {
      guard: admin(),
      handler: async (c) => {
        const retried = await retryDelivery(
          context,
          c.req.param('id') ?? '',
          c.req.param('deliveryId') ?? '',
        );
        return c.json(deliveryView(retried));
      },
    }),
  ];
}
