import { INBOX_TYPE, type InboxBox, type InboxEntry } from '@tessera/runtime/flow-store';
import { readAll, readPage } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';

export const INBOX_INDEX = 'inbox-by-user';

/** A page of one box of a user's inbox, newest first. */
export async function inboxPage(
  context: StoreContext,
  user: string,
  box: InboxBox,
  page: { limit: number; cursor?: string },
) {
  const found = await readPage<InboxEntry>(context.storage, {
    index: INBOX_INDEX,
    selector: { type: INBOX_TYPE, user, box },
    sort: [{ type: 'desc' }, { user: 'desc' }, { box: 'desc' }, { createdAt: 'desc' }],
    ...page,
  });
  return {
    items: found.docs.map(({ _id, _rev, type, ...entry }) => entry),
    ...(found.next ? { next: found.next } : {}),
  };
}

/** How many items wait in the boxes people act on: todo, drafts, unread CC, overdue todo. */
export async function inboxCounts(context: StoreContext, user: string) {
  const box = (name: InboxBox) =>
    readAll<InboxEntry>(context.storage, {
      index: INBOX_INDEX,
      selector: { type: INBOX_TYPE, user, box: name },
    });
  const [todo, draft, cc] = await Promise.all([box('todo'), box('draft'), box('cc')]);
  return {
    todo: todo.length,
    overdue: todo.filter((entry) => entry.overdue).length,
    draft: draft.length,
    ccUnread: cc.filter((entry) => entry.status === 'unread').length,
  };
}
