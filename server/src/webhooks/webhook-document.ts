import type { StoragePort, Stored } from '@tessera/runtime';
import { readTyped } from '../storage/typed-document.ts';
import type { WebhookEventType } from './event-types.ts';

export const WEBHOOK_TYPE = 'webhook';

/**
 * A subscription (`webhook:<ulid>`): where to post which events. `secret` signs every delivery;
 * it lives here, in the shared storage, so every server can sign (like the CSRF secret, decision
 * 0015), and the API shows it only when it is made or rotated.
 */
export interface WebhookFields {
  readonly schemaVersion: number;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  /** Only events of this app (and this table of it); every app when absent. */
  readonly app?: string;
  readonly table?: string;
  readonly description?: string;
  readonly active: boolean;
  readonly secret: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type WebhookDocument = Stored<WebhookFields>;

export const readWebhook = (storage: StoragePort, id: string) =>
  readTyped<WebhookFields>(storage, id, WEBHOOK_TYPE);

/** Whether a subscription wants an event of `type` from `app`/`table`. */
export const wantsEvent = (
  hook: WebhookFields,
  event: { readonly type: string; readonly app?: string; readonly table?: string },
): boolean =>
  hook.active &&
  hook.events.some((name) => name === event.type) &&
  (hook.app === undefined || hook.app === event.app) &&
  (hook.table === undefined || hook.table === event.table);

/** What the API shows of a subscription: everything but the secret. */
export function webhookView(hook: WebhookDocument) {
  return {
    id: hook._id,
    _rev: hook._rev,
    url: hook.url,
    events: [...hook.events],
    ...(hook.app === undefined ? {} : { app: hook.app }),
    ...(hook.table === undefined ? {} : { table: hook.table }),
    ...(hook.description === undefined ? {} : { description: hook.description }),
    active: hook.active,
    createdBy: hook.createdBy,
    createdAt: hook.createdAt,
    updatedAt: hook.updatedAt,
  };
}
