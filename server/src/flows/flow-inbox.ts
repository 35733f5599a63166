import { INBOX_TYPE, type InboxBox, type InboxEntry } from '@tessera/runtime/flow-store';
import { readAll, readPage } from '../storage/read-page.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { type DetailsContext, matchesSearch, withInboxDetails } from './inbox-details.ts';

export const INBOX_INDEX = 'inbox-by-user';

/** Entries read at most per search: a search runs over a box's newest entries. */
export const SEARCHED_ENTRIES = 1000;

/**
 * A page of one box of a user's inbox, newest first, each entry with its title and labels.
 * With `q`, the box's newest {@link SEARCHED_ENTRIES} entries are searched by title, labels
 * and initiator, and the matches come back in pages of the same size.
 */
export async function inboxPage(
  context: DetailsContext,
  user: string,
  box: InboxBox,
  page: { limit: number; cursor?: string; q?: string },
) {
  const query = {
    index: INBOX_INDEX,
    selector: { type: INBOX_TYPE, user, box },
    sort: [{ type: 'desc' }, { user: 'desc' }, { box: 'desc' }, { createdAt: 'desc' }],
  } as const;
  const plain = ({ _id, _rev, type, ...entry }: InboxEntry & { _id: string; _rev: string }) =>
    entry;
  const q = page.q?.trim();
  if (q) {
    const found = await readPage<InboxEntry>(context.storage, {
      ...query,
      limit: SEARCHED_ENTRIES,
    });
    const detailed = await withInboxDetails(context, found.docs.map(plain));
    const matches = detailed.filter((entry) => matchesSearch(entry, q));
    const start = page.cursor ? Number.parseInt(page.cursor, 10) || 0 : 0;
    const end = start + page.limit;
    return {
      items: matches.slice(start, end),
      ...(end < matches.length ? { next: String(end) } : {}),
    };
  }
  const { limit, cursor } = page;
  const found = await readPage<InboxEntry>(context.storage, {
    ...query,
    limit,
    ...(cursor ? { cursor } : {}),
  });
  return {
    items: await withInboxDetails(context, found.docs.map(plain)),
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
