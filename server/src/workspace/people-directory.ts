import {
  readUser,
  USER_TYPE,
  type UserDocument,
  type UserFields,
} from '../accounts/user-document.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';

/** What every signed-in person may know of a colleague: enough to pick and to name them. */
export interface Colleague {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly department?: string;
  readonly active: boolean;
}

export const DIRECTORY_LIMIT = 50;

/**
 * Colleagues by id (`ids`), or active ones whose name or username contains `q`, at most
 * {@link DIRECTORY_LIMIT}. Searching reads the users index; at tens of thousands of accounts
 * this wants a search index of its own.
 */
export async function findColleagues(
  context: StoreContext,
  query: { readonly q?: string; readonly ids?: readonly string[] },
): Promise<Colleague[]> {
  if (query.ids) {
    const docs = await Promise.all(
      query.ids.slice(0, 200).map((id) => readUser(context.storage, id)),
    );
    return docs.flatMap((doc) => (doc ? [colleague(doc)] : []));
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
    .map(colleague);
}

function colleague(doc: UserDocument): Colleague {
  return {
    id: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    ...(doc.department === undefined ? {} : { department: doc.department }),
    active: doc.active,
  };
}
