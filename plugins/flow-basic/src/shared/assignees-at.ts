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

/** The people a task node (approval, countersign) reaches: its assignees, then its deadline's supervisor. */
export function taskAssignees(config: {
  readonly assignees: readonly AssigneeRule[];
  readonly deadline?: Deadline;
}): NodeAssignee[] {
  return [
    ...assigneesAt('/config/assignees', config.assignees),
    ...deadlineAssignees('/config/deadline', config.deadline),
  ];
}
