import { type AssigneeRule, pointer } from '@tessera/core';
import { FlowError } from './flow-error.ts';

export interface OrgUser {
  readonly id: string;
  readonly name?: string;
  readonly department?: string;
  /** The user's direct manager (直属上级). */
  readonly manager?: string;
  readonly active: boolean;
}

export interface OrgDepartment {
  readonly id: string;
  readonly name?: string;
  readonly parent?: string;
  readonly head?: string;
}

/**
 * The organisation as the engine sees it: synchronous lookups over a snapshot the caller
 * loaded, so resolving assignees stays pure. Role members are the app's role mapping with
 * departments already expanded to their members.
 */
export interface Organisation {
  user(id: string): OrgUser | undefined;
  department(id: string): OrgDepartment | undefined;
  roleMembers(role: string): readonly string[];
  departmentMembers(department: string): readonly string[];
}

export interface ResolveContext {
  readonly organisation: Organisation;
  readonly initiator: string;
  readonly values: Readonly<Record<string, unknown>>;
}

const idsIn = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (one): one is string => typeof one === 'string' && one.length > 0,
  );

/** The head of `department`, `levelsUp` parents above it. */
function headAbove(org: Organisation, department: string | undefined, levelsUp: number) {
  let current = department ? org.department(department) : undefined;
  for (let level = 0; level < levelsUp && current; level += 1) {
    current = current.parent ? org.department(current.parent) : undefined;
  }
  return current?.head ? [current.head] : [];
}

/** The department a `departmentHead.of` field points at: a department field, or a user field's user's. */
function departmentOf(ctx: ResolveContext, field: string | undefined): string | undefined {
  const org = ctx.organisation;
  if (field === undefined) return org.user(ctx.initiator)?.department;
  const id = idsIn(ctx.values[field])[0];
  if (id === undefined) return undefined;
  return org.department(id) ? id : org.user(id)?.department;
}

type Resolver<Kind extends AssigneeRule['kind']> = (
  rule: Extract<AssigneeRule, { kind: Kind }>,
  ctx: ResolveContext,
) => string[];

const RESOLVERS: { readonly [Kind in AssigneeRule['kind']]: Resolver<Kind> } = {
  user: (rule) => [...rule.users],
  role: (rule, ctx) => [...ctx.organisation.roleMembers(rule.role)],
  initiator: (_rule, ctx) => [ctx.initiator],
  departmentHead: (rule, ctx) =>
    headAbove(ctx.organisation, departmentOf(ctx, rule.of), rule.levelsUp ?? 0),
  manager: (rule, ctx) => {
    let current: string | undefined = ctx.initiator;
    for (let level = 0; level < rule.levels && current !== undefined; level += 1) {
      current = ctx.organisation.user(current)?.manager;
    }
    return current === undefined ? [] : [current];
  },
  field: (rule, ctx) => idsIn(ctx.values[rule.field]),
  department: (rule, ctx) => [...ctx.organisation.departmentMembers(rule.department)],
};

const describe = (rule: AssigneeRule): string => {
  switch (rule.kind) {
    case 'role':
      return `role "${rule.role}"`;
    case 'field':
      return `field "${rule.field}"`;
    case 'department':
      return `department "${rule.department}"`;
    case 'manager':
      return `manager ${rule.levels} level(s) up`;
    case 'departmentHead':
      return `department head${rule.levelsUp ? ` ${rule.levelsUp} level(s) up` : ''}`;
    default:
      return rule.kind;
  }
};

/**
 * The active users the rules name, in order and without repeats. Nobody at all is an
 * error naming the node and its rules (the designer and the simulation show it), never a skip.
 */
export function resolveAssignees(
  rules: readonly AssigneeRule[],
  ctx: ResolveContext,
  where: { readonly node: string; readonly path: string },
): string[] {
  const found: string[] = [];
  for (const rule of rules) {
    const resolve = RESOLVERS[rule.kind] as Resolver<AssigneeRule['kind']>;
    for (const id of resolve(rule as never, ctx)) {
      if (ctx.organisation.user(id)?.active && !found.includes(id)) found.push(id);
    }
  }
  if (found.length > 0) return found;
  const named = rules.map(describe).join(', ');
  throw new FlowError(
    'assignee.unresolved',
    {
      en: `node "${where.node}" has nobody to assign: ${named} resolve to no active user`,
      'zh-CN': `节点“${where.node}”找不到处理人：${named} 没有对应的在职人员`,
    },
    pointer('/nodes', where.node, ...where.path.split('/').filter(Boolean)),
  );
}
