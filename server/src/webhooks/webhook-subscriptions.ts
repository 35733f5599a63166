import { newId } from '@tessera/runtime';
import { ApiError } from '../http/api-error.ts';
import { type PageQuery, pageOf, readPage } from '../storage/read-page.ts';
import { assertRevision, type RevisionLabel } from '../storage/stale-revision.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { isoNow } from '../storage/store-context.ts';
import { DOCUMENT_VERSION } from '../storage/typed-document.ts';
import type { WebhookEventType } from './event-types.ts';
import {
  readWebhook,
  WEBHOOK_TYPE,
  type WebhookDocument,
  type WebhookFields,
  webhookView,
} from './webhook-document.ts';
import { checkScope, checkUrl, newWebhookSecret } from './webhook-input.ts';
import { registerWebhook } from './webhook-registry.ts';
import type { WebhooksContext } from './webhooks-context.ts';

export interface WebhookInput {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly app?: string;
  readonly table?: string;
  readonly description?: string;
  readonly active?: boolean;
}

export type WebhookPatch = {
  readonly [K in keyof WebhookInput]?: K extends 'app' | 'table' | 'description'
    ? WebhookInput[K] | null
    : WebhookInput[K];
};

const LABEL: RevisionLabel = { en: 'webhook', zh: 'Webhook' };

export const webhookNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no webhook "${id.slice(0, 80)}"`,
    'zh-CN': `Webhook“${id.slice(0, 80)}”不存在`,
  });

export async function createWebhook(
  context: WebhooksContext,
  input: WebhookInput,
  actor: string,
): Promise<{ hook: WebhookDocument; secret: string }> {
  checkScope(input);
  const url = await checkUrl(context, input.url);
  const at = isoNow(context);
  const fields: WebhookFields = {
    schemaVersion: DOCUMENT_VERSION,
    url,
    events: [...new Set(input.events)],
    ...(input.app === undefined ? {} : { app: input.app }),
    ...(input.table === undefined ? {} : { table: input.table }),
    ...(input.description === undefined ? {} : { description: input.description }),
    active: input.active ?? true,
    secret: newWebhookSecret(),
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
  };
  const id = newId(WEBHOOK_TYPE);
  // registered first: a crash in between leaves an id that only costs a query, never a miss
  await registerWebhook(context.storage, id);
  const { rev } = await context.storage.create<WebhookFields>({
    ...fields,
    _id: id,
    type: WEBHOOK_TYPE,
  });
  context.subscriptions.invalidate();
  return { hook: { ...fields, _id: id, _rev: rev, type: WEBHOOK_TYPE }, secret: fields.secret };
}

export async function listWebhooks(context: WebhooksContext, query: PageQuery) {
  const page = await readPage<WebhookFields>(context.storage, {
    index: INDEX.byTypeCreated,
    selector: { type: WEBHOOK_TYPE },
    ...pageOf(query),
  });
  return { items: page.docs.map(webhookView), ...(page.next ? { next: page.next } : {}) };
}

export async function getWebhook(context: WebhooksContext, id: string): Promise<WebhookDocument> {
  const hook = await readWebhook(context.storage, id);
  if (!hook) throw webhookNotFound(id);
  return hook;
}

/** Changes a subscription made from revision `rev` (409 naming `/_rev` when stale). */
export async function updateWebhook(
  context: WebhooksContext,
  id: string,
  patch: WebhookPatch,
  rev: string,
): Promise<WebhookDocument> {
  const before = await getWebhook(context, id);
  assertRevision(before, rev, LABEL);
  const url = patch.url === undefined ? undefined : await checkUrl(context, patch.url);
  await context.storage.mutate<WebhookFields>(id, (doc) => {
    assertRevision(doc, rev, LABEL);
    const next: Record<string, unknown> = { ...doc, updatedAt: isoNow(context) };
    if (url !== undefined) next.url = url;
    if (patch.events !== undefined) next.events = [...new Set(patch.events)];
    if (patch.active !== undefined) next.active = patch.active;
    for (const key of ['app', 'table', 'description'] as const) {
      if (patch[key] === null) delete next[key];
      else if (patch[key] !== undefined) next[key] = patch[key];
    }
    checkScope(next as { app?: string; table?: string });
    return next as unknown as WebhookDocument;
  });
  context.subscriptions.invalidate();
  return getWebhook(context, id);
}

export async function deleteWebhook(context: WebhooksContext, id: string): Promise<void> {
  const hook = await getWebhook(context, id);
  // stays in the registry until the dispatcher has failed what was owed to it (pruneRegistry)
  await context.storage.remove(hook._id, hook._rev);
  context.subscriptions.invalidate();
}

/** A new signing secret, effective for the next attempt of every delivery; returned once. */
export async function rotateSecret(
  context: WebhooksContext,
  id: string,
): Promise<{ hook: WebhookDocument; secret: string }> {
  await getWebhook(context, id);
  const secret = newWebhookSecret();
  await context.storage.mutate<WebhookFields>(id, (doc) => ({
    ...doc,
    secret,
    updatedAt: isoNow(context),
  }));
  return { hook: await getWebhook(context, id), secret };
}
