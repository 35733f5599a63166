import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { webhookView } from './webhook-document.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateSecret,
  updateWebhook,
} from './webhook-subscriptions.ts';
import type { WebhooksContext } from './webhooks-context.ts';

const admin = () => guards.role('admin');
const idOf = (c: Context<ApiEnv>) => c.req.param('id') ?? '';
const actorOf = (c: Context<ApiEnv>) => c.get('principal')?.userId ?? 'system';

/** Webhook subscriptions and their delivery log: admins only. */
export function webhookRoutes(context: WebhooksContext): ApiRoute[] {
  return [
    implement(api.webhooks.list, {
      guard: admin(),
      handler: async (c, { query }) => c.json(await listWebhooks(context, query)),
    }),
    implement(api.webhooks.create, {
      guard: admin(),
      handler: async (c, { body }) => {
        const { hook, secret } = await createWebhook(context, body, actorOf(c));
        return c.json({ ...webhookView(hook), secret }, 201);
      },
    }),
    implement(api.webhooks.get, {
      guard: admin(),
      handler: async (c) => c.json(webhookView(await getWebhook(context, idOf(c)))),
    }),
    implement(api.webhooks.update, {
      guard: admin(),
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        return c.json(webhookView(await updateWebhook(context, idOf(c), patch, _rev)));
      },
    }),
    implement(api.webhooks.remove, {
      guard: admin(),
      handler: async (c) => {
        await deleteWebhook(context, idOf(c));
        return c.json({ deleted: true as const });
      },
    }),
    implement(api.webhooks.rotateSecret, {
      guard: admin(),
      handler: async (c) => {
        const { hook, secret } = await rotateSecret(context, idOf(c));
        return c.json({ ...webhookView(hook), secret });
      },
    }),
    ...deliveryRoutes(context),
  ];
}
