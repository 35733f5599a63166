import { type AssigneeRule, type Deadline, type NodeAssignee, pointer } from '@tessera/core';

/** Each rule of a list with its JSON pointer below `base`, e.g. `/config/assignees/0`. */
export function assigneesAt(
  base: string,
  rules: readonly AssigneeRule[] | undefined,
): NodeAssignee[] {
  return (rules ?? []).map((rule, index) => ({ path: pointer(base, index), rule }));
}

/** The supervisor a deadline reminds (超期提醒), if it names one. */
export function deadlineAssignees(base: string, deadline: Deadline | undefined): NodeAssignee[] {
  return deadline?.supervisor
    ? [{ path: pointer(base, 'supervisor'), rule: deadline.supervisor }]
    : [];
}
