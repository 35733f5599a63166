import type { Bilingual } from '@tessera/core';
import type { PlatformRole } from '../http/api-env.ts';
import type { Lookup } from './department-directory.ts';

const ROLE_NAMES: Readonly<Record<string, PlatformRole>> = {
  admin: 'admin',
  管理员: 'admin',
  designer: 'designer',
  设计者: 'designer',
  设计人员: 'designer',
  implementer: 'implementer',
  实施者: 'implementer',
  实施人员: 'implementer',
  user: 'user',
  用户: 'user',
  普通用户: 'user',
};

/** `admin; designer`, `管理员、用户` → roles, or the first name that is not a role. */
export function parseRoles(cell: string): Lookup<PlatformRole[]> {
  const roles: PlatformRole[] = [];
  for (const name of cell.split(/[,;|、，；\s]+/).filter(Boolean)) {
    const role = ROLE_NAMES[name.toLowerCase()];
    if (!role) {
      return {
        problem: {
          en: `"${name}" is not a role; use admin, designer, implementer or user`,
          'zh-CN': `“${name}”不是角色；可用 管理员、设计者、实施者、用户（或 admin、designer、implementer、user）`,
        },
      };
    }
    if (!roles.includes(role)) roles.push(role);
  }
  return { found: roles };
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'active', '是', '启用', '有效', '在职']);
const FALSE = new Set(['false', 'no', 'n', '0', 'inactive', '否', '停用', '禁用', '无效', '离职']);

export function parseActive(cell: string): Lookup<boolean> {
  const value = cell.toLowerCase();
  if (TRUE.has(value)) return { found: true };
  if (FALSE.has(value)) return { found: false };
  return {
    problem: {
      en: `"${cell}" is neither yes nor no (true/false, 是/否, 启用/停用)`,
      'zh-CN': `“${cell}”不是“是”或“否”（可用 是/否、启用/停用、true/false）`,
    },
  };
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const notAnEmail = (cell: string): Bilingual => ({
  en: `"${cell}" is not an email address`,
  'zh-CN': `“${cell}”不是有效的邮箱地址`,
});

/** Finds one item by code (ignoring case), else by exact name. */
export function byCodeOrName<T extends { readonly name: string; readonly code?: string }>(
  items: readonly T[],
  reference: string,
  what: { readonly en: string; readonly zh: string },
): Lookup<T> {
  const code = items.find((item) => item.code?.toLowerCase() === reference.toLowerCase());
  if (code) return { found: code };
  const named = items.filter((item) => item.name === reference);
  if (named.length === 1) return { found: named[0]! };
  return {
    problem:
      named.length === 0
        ? {
            en: `no ${what.en} has the code or name "${reference}"`,
            'zh-CN': `没有编码或名称为“${reference}”的${what.zh}`,
          }
        : {
            en: `several ${what.en}s are named "${reference}": use a code`,
            'zh-CN': `有多个名为“${reference}”的${what.zh}，请使用编码`,
          },
  };
}
