/**
 * `POST /import/users`: one row per user, found by username. A new username creates the user
 * (its password column sets the initial password); a known one updates the non-empty cells
 * (a password cell is ignored: reset passwords one by one). Every row is checked first —
 * department by code or path, position by code or name, manager by username (in the file or
 * stored), no manager loops — and only rows without errors are written: users first, then
 * managers, so a manager may appear after the people they manage.
 */
import { createUser } from '../accounts/create-user.ts';
import { updateUser } from '../accounts/update-user.ts';
import { readUser, USERNAME_PATTERN, type UserDocument } from '../accounts/user-document.ts';
import { findUserByUsername } from '../accounts/username-claim.ts';
import { passwordProblem } from '../auth/password-rules.ts';
import type { PlatformRole } from '../http/api-env.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { type CsvTable, parseCsv } from './csv-table.ts';
import { loadDepartmentDirectory } from './department-directory.ts';
import { type ImportOptions, type ImportReport, RowErrors } from './import-report.ts';
import { byCodeOrName, EMAIL, notAnEmail, parseActive, parseRoles } from './import-values.ts';
import { POSITION_TYPE, type PositionFields } from './position-document.ts';

export const USER_COLUMNS = {
  username: ['用户名', '账号', '登录名', 'login'],
  displayName: ['display name', 'name', '姓名', '显示名'],
  email: ['e-mail', 'mail', '邮箱', '电子邮件'],
  password: ['initial password', '密码', '初始密码'],
  roles: ['role', '角色'],
  active: ['enabled', '启用', '状态'],
  department: ['dept', '部门'],
  position: ['title', '职位', '岗位'],
  manager: ['上级', '直属上级'],
} as const;

type Column = keyof typeof USER_COLUMNS;

interface UserPlan {
  readonly row: number;
  readonly username: string;
  readonly existing: UserDocument | undefined;
  readonly displayName?: string;
  readonly email?: string;
  readonly password?: string;
  readonly roles?: PlatformRole[];
  readonly active?: boolean;
  readonly department?: string;
  readonly position?: string;
  /** The manager's username as written. */
  readonly manager?: string;
}

export async function importUsers(
  context: StoreContext,
  text: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const table = parseCsv(text, USER_COLUMNS, ['username']);
  const errors = new RowErrors(options.locale);
  const plans = await planRows(context, table, errors);
  const managers = await resolveManagers(context, table, plans, errors);
  const valid = plans.filter((plan) => !errors.has(plan.row));
  if (options.dryRun) {
    const created = valid.filter((plan) => !plan.existing).length;
    return { dryRun: true, created, updated: valid.length - created, errors: errors.sorted() };
  }

  const columnOf = (pointer: string | undefined) => {
    const key = pointer?.slice(1) as Column | undefined;
    return table.headerOf(key !== undefined && key in USER_COLUMNS ? key : 'username');
  };
  const ids = new Map<string, string>(); // lowercase username → id, for managers
  let created = 0;
  let updated = 0;
  let done = 0;
  for (const plan of valid) {
    options.onProgress?.(done++, valid.length);
    const { row, username, existing, manager: _later, password, ...fields } = plan;
    try {
      if (existing) {
        const { displayName, email, roles, active, department, position } = fields;
        const patch = { displayName, email, roles, active, department, position };
        const changes = Object.fromEntries(
          Object.entries(patch).filter(([, v]) => v !== undefined),
        );
        if (Object.keys(changes).length > 0) await updateUser(context, existing._id, changes);
        ids.set(username.toLowerCase(), existing._id);
        updated++;
      } else {
        const user = await createUser(context, { username, password: password ?? '', ...fields });
        ids.set(username.toLowerCase(), user._id);
        created++;
      }
    } catch (error) {
      errors.addRefusal(row, error, columnOf);
    }
  }
  for (const plan of valid) {
    const target = managers.get(plan.row);
    const id = ids.get(plan.username.toLowerCase());
    if (target === undefined || id === undefined) continue;
    const managerId = target.startsWith('user:') ? target : ids.get(target);
    try {
      if (managerId === undefined) throw new Error('the manager was not written');
      await updateUser(context, id, { manager: managerId });
    } catch (error) {
      if (managerId === undefined) {
        errors.add(plan.row, table.headerOf('manager'), {
          en: 'the user was written, but the manager’s row failed, so no manager was set',
          'zh-CN': '用户已写入，但其上级所在的行失败了，因此未设置上级',
        });
      } else errors.addRefusal(plan.row, error, columnOf);
    }
  }
  options.onProgress?.(done, valid.length);
  return { dryRun: false, created, updated, errors: errors.sorted() };
}

/** Reads and checks each row on its own (everything but the manager). */
async function planRows(
  context: StoreContext,
  table: CsvTable<Column>,
  errors: RowErrors,
): Promise<UserPlan[]> {
  const directory = await loadDepartmentDirectory(context);
  const positions = await readAll<PositionFields>(context.storage, {
    index: INDEX.byTypeName,
    selector: { type: POSITION_TYPE },
  });
  const seen = new Map<string, number>();
  const plans: UserPlan[] = [];
  for (const { row, cells, problem } of table.rows) {
    const fail = (column: Column, message: { en: string; 'zh-CN': string }) =>
      errors.add(row, table.headerOf(column), message);
    if (problem) fail('username', problem);
    const username = cells.username ?? '';
    if (!new RegExp(USERNAME_PATTERN).test(username)) {
      fail('username', {
        en: username
          ? `"${username}" is not a username: 3 to 64 letters, digits, ".", "_" or "-"`
          : 'the username is empty',
        'zh-CN': username
          ? `“${username}”不是有效的用户名：应为 3 到 64 个字母、数字、“.”“_”或“-”`
          : '用户名为空',
      });
    }
    const first = seen.get(username.toLowerCase());
    if (username && first !== undefined) {
      fail('username', {
        en: `the username "${username}" is already in row ${first}`,
        'zh-CN': `用户名“${username}”已在第 ${first} 行出现`,
      });
    } else if (username) seen.set(username.toLowerCase(), row);

    const plan: { -readonly [K in keyof UserPlan]: UserPlan[K] } = {
      row,
      username,
      existing: username ? await findUserByUsername(context, username) : undefined,
    };
    if (cells.displayName) plan.displayName = cells.displayName;
    if (cells.email) {
      if (EMAIL.test(cells.email)) plan.email = cells.email;
      else fail('email', notAnEmail(cells.email));
    }
    if (!plan.existing) {
      const problem = passwordProblem(cells.password ?? '');
      if (!cells.password) {
        fail('password', {
          en: 'a new user needs an initial password (10 to 256 characters)',
          'zh-CN': '新用户需要初始密码（10 到 256 个字符）',
        });
      } else if (problem) fail('password', problem.detail);
      else plan.password = cells.password;
    }
    if (cells.roles) {
      const roles = parseRoles(cells.roles);
      if ('found' in roles && roles.found.length > 0) plan.roles = roles.found;
      else if ('problem' in roles) fail('roles', roles.problem);
    }
    if (cells.active) {
      const active = parseActive(cells.active);
      if ('found' in active) plan.active = active.found;
      else fail('active', active.problem);
    }
    if (cells.department) {
      const department = directory.find(cells.department);
      if ('found' in department) plan.department = department.found._id;
      else fail('department', department.problem);
    }
    if (cells.position) {
      const position = byCodeOrName(positions, cells.position, { en: 'position', zh: '职位' });
      if ('found' in position) plan.position = position.found._id;
      else fail('position', position.problem);
    }
    if (cells.manager) plan.manager = cells.manager;
    plans.push(plan);
  }
  return plans;
}

/**
 * Each row's manager as a stored user id, or as the lowercase username of a row of the file;
 * refuses unknown managers, managers whose own row has errors, and loops through the file's
 * and the stored managers.
 */
async function resolveManagers(
  context: StoreContext,
  table: CsvTable<Column>,
  plans: readonly UserPlan[],
  errors: RowErrors,
): Promise<Map<number, string>> {
  const header = table.headerOf('manager');
  const inFile = new Map(plans.map((plan) => [plan.username.toLowerCase(), plan]));
  /** A user's key: a stored id, or `file:` + lowercase username for a new one. */
  const keyOf = (plan: UserPlan) => plan.existing?._id ?? `file:${plan.username.toLowerCase()}`;
  const managerOf = new Map<string, string>(); // key → manager key, as the file would make it
  const targets = new Map<number, string>();
  for (const plan of plans) {
    if (plan.manager === undefined || errors.has(plan.row)) continue;
    const name = plan.manager.toLowerCase();
    const row = inFile.get(name);
    const stored = row ? undefined : await findUserByUsername(context, plan.manager);
    if (name === plan.username.toLowerCase()) {
      errors.add(plan.row, header, {
        en: 'a user cannot be their own manager',
        'zh-CN': '用户不能是自己的上级',
      });
    } else if (!row && !stored) {
      errors.add(plan.row, header, {
        en: `there is no user "${plan.manager}" (in the file or stored)`,
        'zh-CN': `用户“${plan.manager}”不存在（文件中和系统中都没有）`,
      });
    } else {
      const key = row ? keyOf(row) : stored!._id;
      managerOf.set(keyOf(plan), key);
      targets.set(plan.row, row?.existing?._id ?? (row ? name : key));
    }
  }
  // Loops: follow managers up, the file's first, then the stored ones.
  for (const plan of plans) {
    if (!targets.has(plan.row)) continue;
    const start = keyOf(plan);
    const seen = new Set<string>([start]);
    let current = managerOf.get(start);
    while (current !== undefined && !seen.has(current) && seen.size < 1000) {
      seen.add(current);
      current =
        managerOf.get(current) ??
        (current.startsWith('user:')
          ? (await readUser(context.storage, current))?.manager
          : undefined);
    }
    if (current !== undefined) {
      errors.add(plan.row, header, {
        en: 'the managers would loop back to this user',
        'zh-CN': '上级关系会循环回到此用户',
      });
      targets.delete(plan.row);
    }
  }
  // A new manager whose row has errors is not written, so neither is a row naming them (and so
  // on down: repeat until nothing changes).
  for (let changed = true; changed; ) {
    changed = false;
    for (const plan of plans) {
      const target = targets.get(plan.row);
      const managerRow = target === undefined ? undefined : inFile.get(target);
      if (managerRow && !errors.has(plan.row) && errors.has(managerRow.row)) {
        errors.add(plan.row, header, {
          en: `the manager's row ${managerRow.row} has errors`,
          'zh-CN': `上级所在的第 ${managerRow.row} 行有错误`,
        });
        changed = true;
      }
    }
  }
  return targets;
}
