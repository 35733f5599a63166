import type { InboxBox } from '@tessera/runtime/flow-store';
import { inboxPage } from '../flows/flow-inbox.ts';
import type { FlowService } from '../flows/flow-service.ts';
import type { DetailsContext } from '../flows/inbox-details.ts';
import type { RecordCaller } from '../records/caller.ts';
import { type SyncDocument, syncDocument } from './sync-documents.ts';

/** How much of each box a browser keeps: all that waits for the person, the newest of the rest. */
export const WORKING_SET_LIMITS: Readonly<Record<Exclude<InboxBox, 'cancelled'>, number>> = {
  todo: 500,
  draft: 200,
  cc: 200,
  done: 100,
  submitted: 100,
};

/** Items opened offline: those in the boxes above, at most this many. */
export const MAX_ITEMS = 400;

/**
 * What one person may take offline: their inbox entries, each item in them as `GET
 * /flow-items/{id}` shows it to them (their rights, their tasks), and the definitions of the
 * app versions those items and the start menu need. Built from the same reads as the API, so
 * it holds nothing the person could not read online.
 */
export async function workingSet(
  context: DetailsContext,
  flows: FlowService,
  caller: RecordCaller,
  apps: readonly { readonly app: string; readonly version: number }[],
): Promise<SyncDocument[]> {
  const docs: SyncDocument[] = [];
  const items = new Set<string>();
  const versions = new Map(apps.map((one) => [`${one.app}@${one.version}`, one]));
  for (const [box, limit] of Object.entries(WORKING_SET_LIMITS)) {
    const page = await inboxPage(context, caller.userId, box as InboxBox, { limit });
    for (const entry of page.items) {
      const key = entry.task ? entry.task : `${entry.instance}:submitted`;
      docs.push(syncDocument('inbox', key, entry));
      if (items.size < MAX_ITEMS) items.add(entry.instance);
      versions.set(`${entry.app}@${entry.version}`, { app: entry.app, version: entry.version });
    }
  }
  for (const id of items) {
    const item = await flows.view(id, caller).catch(() => undefined);
    if (item) docs.push(syncDocument('item', id, item));
  }
  for (const [key, { app, version }] of versions) {
    const found = await context.published.version(app, version).catch(() => undefined);
    if (found) docs.push(syncDocument('app', key, found.definition));
  }
  return docs;
}
