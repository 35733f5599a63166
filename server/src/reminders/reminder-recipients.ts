import type { AssigneeRule } from '@tessera/core';
import type { StoragePort } from '@tessera/runtime';
import { readUser, USER_TYPE, type UserFields } from '../accounts/user-document.ts';
import { readAppRoles } from '../records/app-roles.ts';
import type { RecordValues } from '../records/record-document.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';

/** Resolves a reminder's `notify` rules to active users; one per sweep, so lookups are shared. */
export interface Recipients {
  of(app: string, rules: readonly AssigneeRule[], values: RecordValues): Promise<string[]>;
}

const idsIn = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (one): one is string => typeof one === 'string' && one.length > 0,
  );

/**
 * Users named outright, the holders of an app role (its users and every member of its
 * departments, as the app's role mapping says now), and the users a record's own user field
 * holds. Inactive and unknown users are left out. Other rule kinds were refused at validation.
 */
export function createRecipients(storage: StoragePort): Recipients {
  const roles = new Map<string, Promise<string[]>>();
  const members = new Map<string, Promise<string[]>>();
  const active = new Map<string, Promise<boolean>>();

  const departmentMembers = (department: string) => {
    const known = members.get(department);
    if (known) return known;
    const found = readAll<UserFields>(storage, {
      index: INDEX.usersByDepartment,
      selector: { type: USER_TYPE, department },
      fields: ['_id'],
    }).then((docs) => docs.map((doc) => doc._id));
    members.set(department, found);
    return found;
  };
  const roleHolders = (app: string, role: string) => {
    const key = `${app}\u0000${role}`;
    const known = roles.get(key);
    if (known) return known;
    const found = readAppRoles(storage, app).then(async (mapping) => {
      const held = mapping?.roles[role];
      const ids = [...(held?.users ?? [])];
      for (const department of held?.departments ?? []) {
        ids.push(...(await departmentMembers(department)));
      }
      return ids;
    });
    roles.set(key, found);
    return found;
  };
  const isActive = (id: string) => {
    const known = active.get(id);
    if (known) return known;
    const found = readUser(storage, id).then((doc) => doc?.active === true);
    active.set(id, found);
    return found;
  };

  return {
    async of(app, rules, values) {
      const wanted: string[] = [];
      for (const rule of rules) {
        if (rule.kind === 'user') wanted.push(...rule.users);
        else if (rule.kind === 'role') wanted.push(...(await roleHolders(app, rule.role)));
        else if (rule.kind === 'field') wanted.push(...idsIn(values[rule.field]));
      }
      const unique = [...new Set(wanted)];
      const flags = await Promise.all(unique.map(isActive));
      return unique.filter((_, index) => flags[index]);
    },
  };
}
