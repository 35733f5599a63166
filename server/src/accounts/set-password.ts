import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { hashNewPassword } from './password-input.ts';
import { endSessionsOf } from './sessions.ts';
import type { UserFields } from './user-document.ts';

/**
 * Sets a user's password (re-hashed with today's parameters) and ends every session of the
 * user except `keep` (the one that changed it). API tokens stay valid: they are revoked one by
 * one. Refusals name `field` (too short, too long).
 */
export async function setPassword(
  context: StoreContext,
  user: string,
  password: string,
  options: { readonly field: string; readonly keep?: string },
): Promise<void> {
  const passwordHash = await hashNewPassword(password, options.field);
  await context.storage.mutate<UserFields>(user, (current) => ({
    ...current,
    passwordHash,
    updatedAt: isoNow(context),
  }));
  await endSessionsOf(context, user, options.keep);
}
