/**
 * The first admin, made exactly once per installation even when several servers start at the
 * same moment on one CouchDB. Without transactions (decision 11) it is one deterministic
 * document, `bootstrap:first-admin`, holding everything the admin is made of (id, username,
 * password hash): creating a fixed id succeeds once, so exactly one server wins, and only the
 * winner knows the password it hashed and prints it. Every server then rolls the bootstrap
 * forward idempotently — claim the username for that id, create the user under that id — and
 * marks it complete, so a crash between the steps is finished by the next start.
 */
import { ConflictError, newId, type Stored } from '@tessera/runtime';
import { hashPassword } from '../auth/password-hash.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { checkVersion, DOCUMENT_VERSION } from '../storage/typed-document.ts';
import { activeAdminExists } from './admins.ts';
import { createUser } from './create-user.ts';
import { randomPassword } from './random-password.ts';
import { USER_TYPE, type UserDocument, type UserFields, userView } from './user-document.ts';
import { claimUsername } from './username-claim.ts';

export const FIRST_ADMIN_ID = 'bootstrap:first-admin';
export const FIRST_ADMIN_USERNAME = 'admin';

interface BootstrapFields {
  readonly schemaVersion: number;
  readonly user: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly completed?: boolean;
}

export type FirstAdmin =
  | { readonly created: true; readonly username: string; readonly password: string }
  | { readonly created: false };

/**
 * Makes the first admin if this installation has none and never had one made this way.
 * Returns the password only to the one caller whose write made the admin.
 */
export async function ensureFirstAdmin(context: StoreContext): Promise<FirstAdmin> {
  let bootstrap = await context.storage.get<BootstrapFields>(FIRST_ADMIN_ID);
  let password: string | undefined;
  if (!bootstrap) {
    if (await activeAdminExists(context)) return { created: false }; // made otherwise (CLI)
    password = randomPassword(16);
    const mine = {
      _id: FIRST_ADMIN_ID,
      type: 'bootstrap',
      schemaVersion: DOCUMENT_VERSION,
      user: newId(USER_TYPE),
      username: FIRST_ADMIN_USERNAME,
      passwordHash: await hashPassword(password),
      createdAt: isoNow(context),
    };
    try {
      await context.storage.create<BootstrapFields>(mine);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      password = undefined; // another server (or call) won: its password, not ours
    }
    bootstrap = await context.storage.get<BootstrapFields>(FIRST_ADMIN_ID);
    if (!bootstrap) throw new Error(`${FIRST_ADMIN_ID} vanished right after it was written`);
  }
  checkVersion(bootstrap);
  if (!bootstrap.completed) await rollForward(context, bootstrap);
  return password === undefined
    ? { created: false }
    : { created: true, username: bootstrap.username, password };
}

/** Claims the username and writes the user described by the bootstrap; safe to repeat. */
async function rollForward(context: StoreContext, bootstrap: Stored<BootstrapFields>) {
  await claimUsername(context, bootstrap.username, bootstrap.user);
  const fields: UserFields = {
    schemaVersion: DOCUMENT_VERSION,
    username: bootstrap.username,
    displayName: 'Administrator',
    passwordHash: bootstrap.passwordHash,
    roles: ['admin'],
    active: true,
    createdAt: bootstrap.createdAt,
    updatedAt: bootstrap.createdAt,
  };
  try {
    await context.storage.create<UserFields>({ ...fields, _id: bootstrap.user, type: USER_TYPE });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // a racing server wrote it: the same user
  }
  await context.storage.mutate<BootstrapFields>(FIRST_ADMIN_ID, (current) =>
    current.completed ? undefined : { ...current, completed: true },
  );
}

/**
 * Creates another admin (for `tessera admin create`): with `password`, or a random 16-character
 * one that is returned. Refusals are ApiErrors naming the field (username taken, password too
 * short).
 */
export async function createAdmin(
  context: StoreContext,
  input: { readonly username: string; readonly displayName?: string; readonly password?: string },
): Promise<{ user: ReturnType<typeof userView>; password: string; doc: UserDocument }> {
  const password = input.password ?? randomPassword(16);
  const doc = await createUser(context, {
    username: input.username,
    password,
    roles: ['admin'],
    ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
  });
  return { user: userView(doc), password, doc };
}
