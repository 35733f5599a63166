import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';
import { checkDestination } from './check-destination.ts';
import { DestinationError } from './destination-error.ts';
import type { WebhooksContext } from './webhooks-context.ts';

/** A new signing secret: `whsec_` and 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** The URL passes the destination checks (400 naming `/url` with the rule otherwise). */
export async function checkUrl(context: WebhooksContext, url: string): Promise<string> {
  try {
    return (await checkDestination(url, context.destinations)).url.href;
  } catch (error) {
    if (!(error instanceof DestinationError)) throw error;
    throw new ApiError(400, error.code, error.detail, '/url');
  }
}

/** A table filter names a table of one app, so it needs the app (400 naming `/table`). */
export function checkScope(hook: { readonly app?: string; readonly table?: string }): void {
  if (hook.table !== undefined && hook.app === undefined) {
    throw new ApiError(
      400,
      'table_without_app',
      { en: 'a table filter needs an app filter', 'zh-CN': '按表筛选时必须同时指定应用' },
      '/table',
    );
  }
}
