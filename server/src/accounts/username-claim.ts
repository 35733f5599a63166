import { ApiError } from '../http/api-error.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { claimOwner, claimValue, releaseValue } from '../storage/unique-claim.ts';
import { readUser, type UserDocument } from './user-document.ts';
import { usernameGiven } from './username-input.ts';

/** Claims of usernames are `username:<lowercase>` documents holding the user's id. */
export const USERNAME_CLAIM = 'username';

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const holdsUsername = (context: StoreContext, username: string) => async (owner: string) => {
  const user = await readUser(context.storage, owner);
  return user !== undefined && sameName(user.username, username);
};

/** Claims `username` for the user `owner`; 409 `username_taken` naming `field` when taken. */
export async function claimUsername(
  context: StoreContext,
  username: string,
  owner: string,
  field = '/username',
): Promise<void> {
  if (
    await claimValue(context, USERNAME_CLAIM, username, owner, holdsUsername(context, username))
  ) {
    return;
  }
  throw new ApiError(
    409,
    'username_taken',
    {
      en: `the username "${username}" is taken (usernames ignore case)`,
      'zh-CN': `用户名“${username}”已被占用（用户名不区分大小写）`,
    },
    field,
  );
}

export const releaseUsername = (context: StoreContext, username: string, owner: string) =>
  releaseValue(context, USERNAME_CLAIM, username, owner);

/**
 * The user with this username (any case, normalised as stored: `ＡＤＭＩＮ` finds `admin`),
 * found through its claim: no index needed. A name with an invisible character finds nobody.
 */
export async function findUserByUsername(
  context: StoreContext,
  given: string,
): Promise<UserDocument | undefined> {
  const username = usernameGiven(given);
  if (username === undefined) return undefined;
  const owner = await claimOwner(
    context,
    USERNAME_CLAIM,
    username,
    holdsUsername(context, username),
  );
  return owner === undefined ? undefined : readUser(context.storage, owner);
}
