import { DIRECTORY_LIMIT } from '@tessera/core/api';
import { type ColleagueView, colleagueView } from '../accounts/colleague-view.ts';
import { readUser, USER_TYPE, type UserFields } from '../accounts/user-document.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';

/**
 * Colleagues by id (`ids`), or active ones whose name or username contains `q`, at most
 * {@link DIRECTORY_LIMIT}. Searching reads the users index; at tens of thousands of accounts
 * this wants a search index of its own.
 */
export async function findColleagues(
  context: StoreContext,
  query: { readonly q?: string; readonly ids?: readonly string[] },
): Promise<ColleagueView[]> {
  if (query.ids) {
    const docs = await Promise.all(
      query.ids.slice(0, 200).map((id) => readUser(context.storage, id)),
    );
    return docs.flatMap((doc) => (doc ? [colleagueView(doc)] : []));
  }
  const needle = (query.q ?? '').trim().toLowerCase();
  const all = await readAll<UserFields>(context.storage, {
    index: INDEX.usersByUsername,
    selector: { type: USER_TYPE },
  });
  return all
    .filter((doc) => doc.active)
    .filter(
      (doc) =>
        !needle ||
        doc.displayName.toLowerCase().includes(needle) ||
        doc.username.toLowerCase().includes(needle),
    )
    .slice(0, DIRECTORY_LIMIT)
    .map(colleagueView);
}
