import type { StoragePort } from '@tessera/runtime';
import { readUser } from '../accounts/user-document.ts';
import type { Principal } from '../http/api-env.ts';
import type { Caller } from './row-scope.ts';

/** A caller as the record service needs them: the department is their user's at this request. */
export interface RecordCaller extends Caller {
  readonly name: string;
}

export async function callerOf(storage: StoragePort, principal: Principal): Promise<RecordCaller> {
  if (principal.displayName !== undefined) {
    // read with the roles by the auth middleware, for this very request
    return {
      userId: principal.userId,
      roles: principal.roles,
      name: principal.displayName,
      ...(principal.department === undefined ? {} : { department: principal.department }),
    };
  }
  const user = await readUser(storage, principal.userId);
  return {
    userId: principal.userId,
    roles: principal.roles,
    name: user?.displayName ?? principal.userId,
    ...(user?.department === undefined ? {} : { department: user.department }),
  };
}
