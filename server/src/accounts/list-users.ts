import { type PageQuery, pageOf, readPage } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { USER_TYPE, type UserDocument, type UserFields } from './user-document.ts';

/**
 * A page of users by username, each shown by `view`; of one department's members when
 * `department` is given.
 */
export async function listUsers<View>(
  context: StoreContext,
  query: PageQuery & { readonly department?: string },
  view: (user: UserDocument) => View,
) {
  const page = await readPage<UserFields>(context.storage, {
    ...(query.department === undefined
      ? { index: INDEX.usersByUsername, selector: { type: USER_TYPE } }
      : {
          index: INDEX.usersByDepartment,
          selector: { type: USER_TYPE, department: query.department },
        }),
    ...pageOf(query),
  });
  return { items: page.docs.map(view), ...(page.next ? { next: page.next } : {}) };
}
