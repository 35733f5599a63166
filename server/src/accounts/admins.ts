import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { USER_TYPE, type UserFields } from './user-document.ts';

/**
 * Whether an active admin other than `except` exists. Served by `users-by-username` (roles are
 * an array, which a Mango json index cannot key on), filtered as it is read; it stops at the
 * first admin, and runs only at start and when an admin loses the role.
 */
export async function activeAdminExists(context: StoreContext, except?: string): Promise<boolean> {
  const page = await context.storage.find<UserFields>({
    index: INDEX.usersByUsername,
    selector: {
      type: USER_TYPE,
      active: true,
      roles: { $elemMatch: { $eq: 'admin' } },
      ...(except === undefined ? {} : { _id: { $ne: except } }),
    },
    limit: 1,
  });
  return page.docs.length > 0;
}
