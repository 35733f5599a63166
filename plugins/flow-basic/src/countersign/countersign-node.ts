import { AssigneeRuleSchema, DeadlineSchema, defineNodeType, Type } from '@tessera/core';
import { taskAssignees } from '../shared/assignees-at.ts';
import { deadlineExpressions } from '../shared/expressions-at.ts';
import { checkCountersign } from './countersign-check.ts';
import { CountersignRule } from './countersign-rule.ts';

export const CountersignConfig = Type.Object(
  {
    assignees: Type.Array(AssigneeRuleSchema, { minItems: 1, maxItems: 50 }),
    rule: CountersignRule,
    deadline: Type.Optional(DeadlineSchema),
    allowReturn: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

/**
 * Several people approve at one node (会签): all of them, any one, at least a number of them,
 * or a share — each stated as "at least N of M approve" once the M people are known.
 */
export const countersignNode = defineNodeType({
  type: 'countersign',
  label: { 'zh-CN': '会签', en: 'Countersign' },
  description: {
    'zh-CN': '多人在同一节点审批：至少 N / M 人同意即通过（全部、任一、指定人数或比例）',
    en: 'Several people approve at one node: passes when at least N of M approve (all, any, a number or a share)',
  },
  config: CountersignConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  createsTasks: true,
  assignees: taskAssignees,
  expressions: (config) => deadlineExpressions('/config/deadline', config.deadline),
  check: (node) => checkCountersign(node.config),
  designer: {
    group: 'task',
    icon: 'users',
    defaultConfig: () => ({ assignees: [{ kind: 'departmentHead' }], rule: { kind: 'all' } }),
  },
});
