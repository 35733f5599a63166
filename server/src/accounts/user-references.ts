import { ApiError } from '../http/api-error.ts';
import { readDepartment } from '../organisation/department-document.ts';
import { readPosition } from '../organisation/position-document.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { readUser } from './user-document.ts';

/** Managers are followed at most this far; a longer chain is treated as a loop. */
const MAX_CHAIN = 1000;

const unknown = (field: string, what: { en: string; zh: string }, id: string) =>
  new ApiError(
    400,
    `unknown_${field.slice(1)}`,
    {
      en: `there is no ${what.en} "${id.slice(0, 80)}"`,
      'zh-CN': `${what.zh}“${id.slice(0, 80)}”不存在`,
    },
    field,
  );

export async function checkDepartment(context: StoreContext, id: string, field = '/department') {
  if (!(await readDepartment(context.storage, id))) {
    throw unknown(field, { en: 'department', zh: '部门' }, id);
  }
}

export async function checkPosition(context: StoreContext, id: string, field = '/position') {
  if (!(await readPosition(context.storage, id))) {
    throw unknown(field, { en: 'position', zh: '职位' }, id);
  }
}

/** The user must exist (a manager, a department head). */
export async function checkUser(context: StoreContext, id: string, field: string) {
  if (!(await readUser(context.storage, id))) throw unknown(field, { en: 'user', zh: '用户' }, id);
}

/**
 * `manager` may manage `user` (undefined for a user not created yet): the manager exists, is
 * not the user, and the user is not among the manager's own managers.
 */
export async function checkManager(
  context: StoreContext,
  user: string | undefined,
  manager: string,
  field = '/manager',
): Promise<void> {
  await checkUser(context, manager, field);
  if (user !== undefined && (await managerChainReaches(context, manager, user))) {
    throw managerLoop(field);
  }
}

/** Whether following managers up from `start` (itself included) reaches `target`. */
export async function managerChainReaches(
  context: StoreContext,
  start: string,
  target: string,
): Promise<boolean> {
  const seen = new Set<string>();
  let current: string | undefined = start;
  while (current !== undefined) {
    if (current === target || seen.has(current) || seen.size >= MAX_CHAIN) return true;
    seen.add(current);
    current = (await readUser(context.storage, current))?.manager;
  }
  return false;
}

export const managerLoop = (field = '/manager') =>
  new ApiError(
    400,
    'manager_loop',
    {
      en: 'this manager is managed, directly or further up, by the user: the chain would loop',
      'zh-CN': '该上级本身直接或间接由此用户管理：上级关系会形成循环',
    },
    field,
  );
