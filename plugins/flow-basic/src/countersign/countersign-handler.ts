import type { FlowNode, Static } from '@tessera/core';
import { type FlowStep, isOpen, type NodeHandler } from '@tessera/runtime/flow';
import { addedPending, countedTasks, openNodeTasks } from '../shared/task-node.ts';
import type { CountersignConfig } from './countersign-node.ts';
import { approvalsNeeded, describeCountersignRule } from './countersign-rule.ts';

type Config = Static<typeof CountersignConfig>;
const configOf = (node: { config?: unknown }) => node.config as Config;

/** The approvals needed of the people reached; more than there are refuses the command. */
function neededOf(step: FlowStep, node: FlowNode, people: readonly string[]): number {
  const { rule } = configOf(node);
  const needed = approvalsNeeded(rule, people.length);
  if (needed <= people.length) return needed;
  const words = describeCountersignRule(rule);
  return step.fail(
    'assignee.tooFew',
    {
      en: `countersign node "${node.id}" asks that ${words.en}, but only ${people.length} people resolve to vote`,
      'zh-CN': `会签节点“${node.id}”要求${words['zh-CN']}，但只找到 ${people.length} 位处理人`,
    },
    `/nodes/${node.id}/config/rule/atLeast`,
  );
}

/**
 * 会签: everyone resolved votes; the node passes once at least N of the M voters approve
 * (N from the rule: all, any, a count or a share) and fails once N can no longer be reached.
 */
export const countersignHandler: NodeHandler = {
  type: 'countersign',
  enter(step, token, node) {
    openNodeTasks(step, token, node, configOf(node), {
      needed: (people) => neededOf(step, node, people),
    });
  },
  settle(step, token, node) {
    const tasks = countedTasks(step, token);
    const approved = tasks.filter((task) => task.status === 'approved').length;
    const open = tasks.filter(isOpen).length;
    const needed = approvalsNeeded(configOf(node).rule, tasks.length);
    if (approved >= needed && !addedPending(tasks)) return 'passed';
    return approved + open < needed ? 'failed' : 'pending';
  },
  returns: (node) => ({ allowed: configOf(node).allowReturn ?? true, to: 'any' }),
};
