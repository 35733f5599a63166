import { Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { pageQueryFields, pageSchema } from '../storage/read-page.ts';
import { DeliveryViewSchema, deliveryView } from './delivery-document.ts';
import { listDeliveries, retryDelivery } from './webhook-deliveries.ts';
import { getWebhook } from './webhook-subscriptions.ts';
import type { WebhooksContext } from './webhooks-context.ts';

const tags = ['webhooks'];
const admin = () => guards.role('admin');

/** A webhook's delivery log, and sending one again: admins only. */
export function deliveryRoutes(context: WebhooksContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/webhooks/:id/deliveries',
      summary: {
        en: "A webhook's deliveries, newest first",
        'zh-CN': 'Webhook 的投递（最新在前）',
      },
      tags,
      guard: admin(),
      query: Type.Object(pageQueryFields),
      responses: { 200: pageSchema(DeliveryViewSchema, 'WebhookDeliveryPage'), 404: ErrorSchema },
      handler: async (c, { query }) => {
        const hook = await getWebhook(context, c.req.param('id') ?? '');
        return c.json(await listDeliveries(context, hook._id, query));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/:id/deliveries/:deliveryId/retry',
      summary: { en: 'Send a delivery again', 'zh-CN': '重新投递' },
      description: {
        en: 'Queues it at once for a new round of attempts; 409 delivery_in_flight while it is being sent.',
        'zh-CN': '立即重新排队并重新计算尝试次数；正在发送时返回 409 delivery_in_flight。',
      },
      tags,
      guard: admin(),
      responses: { 200: DeliveryViewSchema, 404: ErrorSchema, 409: ErrorSchema },
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
