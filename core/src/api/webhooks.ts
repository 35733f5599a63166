import { type TSchema, Type } from 'typebox';
import { ErrorSchema, pageQueryFields, pageSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';
import {
  WEBHOOK_EVENT_NAMES,
  WebhookDeliveryViewSchema,
  WebhookViewSchema,
  WebhookWithSecretSchema,
} from './webhook-schemas.ts';

const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL to post to' });
const Events = Type.Array(Type.Union(WEBHOOK_EVENT_NAMES.map((name) => Type.Literal(name))), {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_NAMES.length,
  description: WEBHOOK_EVENT_NAMES.join(', '),
});
const Id = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 500 });
const Rev = Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' });
const clearable = <T extends TSchema>(schema: T) =>
  Type.Optional(Type.Union([schema, Type.Null()]));

const tags = ['webhooks'];
const Deleted = Type.Object({ deleted: Type.Literal(true) });

/** Webhook subscriptions and their delivery log: admins only. */
export const webhooksApi = {
  list: route({
    method: 'get',
    path: '/webhooks',
    summary: { en: 'List webhooks', 'zh-CN': 'Webhook 列表' },
    tags,
    query: Type.Object(pageQueryFields),
    responses: { 200: pageSchema(WebhookViewSchema, 'WebhookPage') },
  }),
  create: route({
    method: 'post',
    path: '/webhooks',
    summary: { en: 'Subscribe a URL to events', 'zh-CN': '订阅事件到 URL' },
    description: {
      en: 'The answer holds the signing secret, shown this once. The URL must pass the destination checks (400 naming /url).',
      'zh-CN': '应答中包含签名密钥，仅显示这一次。URL 须通过目标地址检查（否则 400，指向 /url）。',
    },
    tags,
    body: Type.Object(
      {
        url: Url,
        events: Events,
        app: Type.Optional(Id),
        table: Type.Optional(Id),
        description: Type.Optional(Description),
        active: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false, title: 'NewWebhook' },
    ),
    responses: { 201: WebhookWithSecretSchema },
  }),
  get: route({
    method: 'get',
    path: '/webhooks/:id',
    summary: { en: 'A webhook', 'zh-CN': '一个 Webhook' },
    tags,
    responses: { 200: WebhookViewSchema, 404: ErrorSchema },
  }),
  update: route({
    method: 'patch',
    path: '/webhooks/:id',
    summary: { en: 'Change a webhook', 'zh-CN': '修改 Webhook' },
    description: {
      en: 'With the _rev you read: a webhook changed since is a 409. null clears app, table or description.',
      'zh-CN': '需带上读取时的 _rev：若已被修改则返回 409。null 清除 app、table 或 description。',
    },
    tags,
    body: Type.Object(
      {
        _rev: Rev,
        url: Type.Optional(Url),
        events: Type.Optional(Events),
        app: clearable(Id),
        table: clearable(Id),
        description: clearable(Description),
        active: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false, minProperties: 2, title: 'WebhookPatch' },
    ),
    responses: { 200: WebhookViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  remove: route({
    method: 'delete',
    path: '/webhooks/:id',
    summary: { en: 'Delete a webhook', 'zh-CN': '删除 Webhook' },
    description: {
      en: 'Deliveries still owed to it fail with webhook_missing.',
      'zh-CN': '尚未完成的投递将以 webhook_missing 失败。',
    },
    tags,
    responses: { 200: Deleted, 404: ErrorSchema },
  }),
  rotateSecret: route({
    method: 'post',
    path: '/webhooks/:id/secret',
    summary: { en: 'Rotate the signing secret', 'zh-CN': '更换签名密钥' },
    description: {
      en: 'The new secret, shown this once, signs every attempt from now on.',
      'zh-CN': '新密钥仅显示这一次，此后的每次投递都用它签名。',
    },
    tags,
    responses: { 200: WebhookWithSecretSchema, 404: ErrorSchema },
  }),
  deliveries: route({
    method: 'get',
    path: '/webhooks/:id/deliveries',
    summary: {
      en: "A webhook's deliveries, newest first",
      'zh-CN': 'Webhook 的投递（最新在前）',
    },
    tags,
    query: Type.Object(pageQueryFields),
    responses: {
      200: pageSchema(WebhookDeliveryViewSchema, 'WebhookDeliveryPage'),
      404: ErrorSchema,
    },
  }),
  retryDelivery: route({
    method: 'post',
    path: '/webhooks/:id/deliveries/:deliveryId/retry',
    summary: { en: 'Send a delivery again', 'zh-CN': '重新投递' },
    description: {
      en: 'Queues it at once for a new round of attempts; 409 delivery_in_flight while it is being sent.',
      'zh-CN': '立即重新排队并重新计算尝试次数；正在发送时返回 409 delivery_in_flight。',
    },
    tags,
    responses: { 200: WebhookDeliveryViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
};
