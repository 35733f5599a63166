import type { AssigneeRule, Deadline, FlowNode } from '@tessera/core';
import {
  addMs,
  celDurationMs,
  type FlowStep,
  isOpen,
  isoDurationMs,
  type Task,
  type Token,
} from '@tessera/runtime/flow';

interface TaskNodeConfig {
  readonly assignees: readonly AssigneeRule[];
  readonly deadline?: Deadline;
}

/** When a task opened now is due: a fixed duration, or a CEL duration (e.g. by priority). */
export function dueOf(
  step: FlowStep,
  node: FlowNode,
  deadline: Deadline | undefined,
): string | undefined {
  if (!deadline) return undefined;
  if (deadline.afterExpr !== undefined) {
    const value = step.evaluate(deadline.afterExpr, node, '/config/deadline/afterExpr', 'duration');
    const ms = celDurationMs(value);
    if (ms !== undefined && ms > 0) return addMs(step.now, ms);
  }
  return deadline.after === undefined ? undefined : addMs(step.now, isoDurationMs(deadline.after));
}

/**
 * The people a task node reaches. With `single` (选人) the previous handler picks one of
 * them in the command's `choose`; when only one resolves there is nothing to pick.
 */
function holders(
  step: FlowStep,
  node: FlowNode,
  config: TaskNodeConfig,
  single: boolean,
): string[] {
  const resolved = step.assignees(config.assignees, node, '/config/assignees');
  if (!single || resolved.length === 1) return resolved;
  const chosen = step.choices[node.id] ?? [];
  if (chosen.length === 1 && resolved.includes(chosen[0]!)) return [chosen[0]!];
  return step.fail(
    'assignee.choose',
    {
      en: `choose one person for node "${node.id}" from: ${resolved.join(', ')}`,
      'zh-CN': `请为节点“${node.id}”从以下人员中选择一人：${resolved.join('、')}`,
    },
    `/choose/${node.id}`,
    { candidates: resolved },
  );
}

export interface OpenNodeOptions {
  /** Pick one holder (选人), `single` mode. */
  readonly single?: boolean;
  /** Nodes several people vote on: how many of them must approve (may refuse the command). */
  readonly needed?: (people: readonly string[]) => number;
}

/**
 * Opens one task per holder, all due at the node's deadline, and makes the token wait; the
 * timeline's entry names the holders and, when voted on, how many of them must approve.
 */
export function openNodeTasks(
  step: FlowStep,
  token: Token,
  node: FlowNode,
  config: TaskNodeConfig,
  options: OpenNodeOptions = {},
): Task[] {
  const people = holders(step, node, config, options.single ?? false);
  const needed = options.needed?.(people);
  const due = dueOf(step, node, config.deadline);
  step.wait(token, { kind: 'tasks' });
  step.log({
    action: 'entered',
    node: node.id,
    users: people,
    ...(needed === undefined ? {} : { needed }),
  });
  return people.map((assignee) =>
    step.openTask(token, { kind: 'approve', assignee, ...(due ? { due } : {}) }),
  );
}

/**
 * The tasks of a token whose decisions count: not handed on, not cancelled, and not those of
 * signers added before someone (前加签), who advise while the holder still decides.
 */
export function countedTasks(step: FlowStep, token: Token): Task[] {
  return step
    .tasksAt(token)
    .filter(
      (task) =>
        task.status !== 'transferred' && task.status !== 'cancelled' && task.placement !== 'before',
    );
}

/** Whether signers added after someone (后加签) still have to act. */
export const addedPending = (tasks: readonly Task[]) =>
  tasks.some((task) => task.placement === 'after' && isOpen(task));
