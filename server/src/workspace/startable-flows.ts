import type { AppDefinition, AssigneeRule } from '@tessera/core';
import type { AppRolesFields } from '../records/app-roles.ts';
import { type Caller, heldRoles } from '../records/row-scope.ts';

/**
 * Whether the caller may start a flow, by its start node's `initiators` (absent or empty:
 * anyone): a role they hold, a user rule naming them, a department rule of their department.
 * A rule of another kind is left to the server's check when they start it.
 */
export function startableFlows(
  app: AppDefinition,
  caller: Caller,
  mapping: AppRolesFields | undefined,
): Set<string> {
  const held = new Set(heldRoles(caller, mapping));
  const may = (rule: AssigneeRule) => {
    if (rule.kind === 'role') return held.has(rule.role);
    if (rule.kind === 'user') return rule.users.includes(caller.userId);
    if (rule.kind === 'department') return rule.department === caller.department;
    return true;
  };
  const out = new Set<string>();
  for (const flow of app.flows ?? []) {
    const start = flow.nodes.find((node) => node.type === 'start');
    const rules = ((start?.config as { initiators?: AssigneeRule[] } | undefined)?.initiators ??
      []) as AssigneeRule[];
    if (rules.length === 0 || rules.some(may)) out.add(flow.id);
  }
  return out;
}
