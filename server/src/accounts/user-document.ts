import type { StoragePort, Stored } from '@tessera/runtime';
import type { PlatformRole } from '../http/api-env.ts';
import { readTyped } from '../storage/typed-document.ts';

export const USER_TYPE = 'user';

/** 3–64 letters, digits, `.`, `_`, `-`; unique without regard to case. */
export const USERNAME_PATTERN = '^[A-Za-z0-9._-]{3,64}$';

/** A stored account (`user:<ulid>`). The password hash never leaves the server. */
export interface UserFields {
  readonly schemaVersion: number;
  /** As typed at creation; unique case-insensitively through a `username:<lowercase>` claim. */
  readonly username: string;
  readonly displayName: string;
  readonly email?: string;
  /** scrypt in PHC form (auth/password-hash.ts). */
  readonly passwordHash: string;
  /** At least one platform role. */
  readonly roles: readonly PlatformRole[];
  /** Inactive accounts cannot sign in, and their sessions and tokens stop working. */
  readonly active: boolean;
  /** A department id (`department:…`). */
  readonly department?: string;
  /** A position id (`position:…`). */
  readonly position?: string;
  /** Another user's id; the chain of managers never loops. */
  readonly manager?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type UserDocument = Stored<UserFields>;

export const readUser = (storage: StoragePort, id: string) =>
  readTyped<UserFields>(storage, id, USER_TYPE);

export interface UserView {
  readonly id: string;
  readonly _rev: string;
  readonly username: string;
  readonly displayName: string;
  readonly email?: string;
  readonly roles: readonly PlatformRole[];
  readonly active: boolean;
  readonly department?: string;
  readonly position?: string;
  readonly manager?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A user as the API shows it: no hash, `id` instead of `_id`, and the `_rev` to send back. */
export function userView(user: UserDocument): UserView {
  return {
    id: user._id,
    _rev: user._rev,
    username: user.username,
    displayName: user.displayName,
    ...(user.email === undefined ? {} : { email: user.email }),
    roles: [...user.roles],
    active: user.active,
    ...(user.department === undefined ? {} : { department: user.department }),
    ...(user.position === undefined ? {} : { position: user.position }),
    ...(user.manager === undefined ? {} : { manager: user.manager }),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export const isAdmin = (user: UserFields): boolean => user.active && user.roles.includes('admin');
