import { newId } from '@tessera/runtime';
import type { PlatformRole } from '../http/api-env.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { DOCUMENT_VERSION } from '../storage/typed-document.ts';
import { hashNewPassword } from './password-input.ts';
import { USER_TYPE, type UserDocument, type UserFields } from './user-document.ts';
import { checkDepartment, checkManager, checkPosition } from './user-references.ts';
import { claimUsername, releaseUsername } from './username-claim.ts';
import { usernameInput } from './username-input.ts';

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string;
  readonly email?: string;
  /** `['user']` when left out. */
  readonly roles?: readonly PlatformRole[];
  readonly active?: boolean;
  readonly department?: string;
  readonly position?: string;
  readonly manager?: string;
}

/**
 * Creates an account: the username is normalised (`usernameInput`: 400 for an invisible
 * character or a bad shape) and claimed first (409 `username_taken` when someone holds it,
 * whatever its case), then the user is written; a failed write releases the claim. Every
 * reference is checked (400 naming the field). Refusals name fields as JSON pointers.
 */
export async function createUser(context: StoreContext, input: NewUser): Promise<UserDocument> {
  const username = usernameInput(input.username);
  const passwordHash = await hashNewPassword(input.password, '/password');
  if (input.department !== undefined) await checkDepartment(context, input.department);
  if (input.position !== undefined) await checkPosition(context, input.position);
  if (input.manager !== undefined) await checkManager(context, undefined, input.manager);

  const id = newId(USER_TYPE);
  await claimUsername(context, username, id);
  const at = isoNow(context);
  const fields: UserFields = {
    schemaVersion: DOCUMENT_VERSION,
    username,
    displayName: input.displayName?.trim() || username,
    ...(input.email === undefined ? {} : { email: input.email }),
    passwordHash,
    roles: [...new Set<PlatformRole>(input.roles ?? ['user'])],
    active: input.active ?? true,
    ...(input.department === undefined ? {} : { department: input.department }),
    ...(input.position === undefined ? {} : { position: input.position }),
    ...(input.manager === undefined ? {} : { manager: input.manager }),
    createdAt: at,
    updatedAt: at,
  };
  try {
    const { rev } = await context.storage.create<UserFields>({
      ...fields,
      _id: id,
      type: USER_TYPE,
    });
    return { ...fields, _id: id, _rev: rev, type: USER_TYPE };
  } catch (error) {
    await releaseUsername(context, username, id);
    throw error;
  }
}
