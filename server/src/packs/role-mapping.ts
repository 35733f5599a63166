import { type AppDefinition, type Issue, issue, pointer } from '@tessera/core';
import type { StoragePort } from '@tessera/runtime';
import { USER_TYPE } from '../accounts/user-document.ts';
import { DEPARTMENT_TYPE } from '../organisation/department-document.ts';
import type { RoleMembers } from '../records/app-roles.ts';
import { CLAIM_TYPE, claimIdOf } from '../storage/unique-claim.ts';
import { PackRefusal } from './pack-errors.ts';

export type RoleMapping = Readonly<Record<string, RoleMembers>>;

const USER_ID = /^user:[A-Za-z0-9_-]{1,120}$/;
const DEPARTMENT_ID = /^department:[A-Za-z0-9_-]{1,120}$/;

/**
 * Checks a role mapping against the pack's roles and the people on this instance: every role
 * id is the pack's, every user and department exists (a user may be named by id or by
 * username, as the CLI's mapping file does). Answers the mapping with ids only, or refuses
 * with one issue per bad entry (`/roles/legal/users/0`).
 */
export async function checkRoleMapping(
  storage: StoragePort,
  app: AppDefinition,
  mapping: RoleMapping,
): Promise<RoleMapping> {
  const roles = new Set((app.roles ?? []).map((role) => role.id));
  const issues: Issue[] = [];
  const out: Record<string, RoleMembers> = {};
  for (const [role, members] of Object.entries(mapping)) {
    if (!roles.has(role)) {
      issues.push(
        issue(pointer('/roles', role), 'pack.unknownRole', {
          en: `the pack has no role "${role}"; its roles are ${[...roles].join(', ') || 'none'}`,
          'zh-CN': `应用包没有角色“${role}”；其角色为 ${[...roles].join('、') || '无'}`,
        }),
      );
      continue;
    }
    const users: string[] = [];
    for (const [i, given] of (members.users ?? []).entries()) {
      const id = await userIdOf(storage, given);
      if (id) users.push(id);
      else
        issues.push(
          issue(pointer('/roles', role, 'users', i), 'pack.unknownUser', {
            en: `there is no active user "${given}"`,
            'zh-CN': `不存在有效用户“${given}”`,
          }),
        );
    }
    const departments: string[] = [];
    for (const [i, given] of (members.departments ?? []).entries()) {
      const doc = DEPARTMENT_ID.test(given) ? await storage.get(given) : undefined;
      if (doc?.type === DEPARTMENT_TYPE) departments.push(given);
      else
        issues.push(
          issue(pointer('/roles', role, 'departments', i), 'pack.unknownDepartment', {
            en: `there is no department "${given}"`,
            'zh-CN': `不存在部门“${given}”`,
          }),
        );
    }
    out[role] = {
      ...(users.length > 0 ? { users: [...new Set(users)] } : {}),
      ...(departments.length > 0 ? { departments: [...new Set(departments)] } : {}),
    };
  }
  if (issues.length > 0) {
    throw new PackRefusal(
      400,
      'pack_roles_invalid',
      {
        en: `the role mapping has ${issues.length} problem(s); the first: ${issues[0]!.path}: ${issues[0]!.message.en}`,
        'zh-CN': `角色映射有 ${issues.length} 个问题；第一个：${issues[0]!.path}：${issues[0]!.message['zh-CN']}`,
      },
      issues,
      issues[0]!.path,
    );
  }
  return out;
}

async function userIdOf(storage: StoragePort, given: string): Promise<string | undefined> {
  let id: string | undefined = USER_ID.test(given) ? given : undefined;
  if (!id) {
    const claim = await storage.get<{ owner?: string }>(claimIdOf('username', given));
    if (claim?.type === CLAIM_TYPE && typeof claim.owner === 'string') id = claim.owner;
  }
  if (!id) return undefined;
  const user = await storage.get<{ active?: boolean }>(id);
  return user?.type === USER_TYPE && user.active !== false ? id : undefined;
}
