import { AssigneeRuleSchema, DeadlineSchema, defineNodeType, Type } from '@tessera/core';
import { taskAssignees } from '../shared/assignees-at.ts';
import { deadlineExpressions } from '../shared/expressions-at.ts';

/** When a countersign passes: everyone approves, anyone approves, or a share of them does. */
export const CountersignRule = Type.Union([
  Type.Object({ kind: Type.Literal('all') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('any') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('share'), percent: Type.Integer({ minimum: 1, maximum: 100 }) },
    { additionalProperties: false },
  ),
]);

export const CountersignConfig = Type.Object(
  {
    assignees: Type.Array(AssigneeRuleSchema, { minItems: 1, maxItems: 50 }),
    rule: CountersignRule,
    deadline: Type.Optional(DeadlineSchema),
    allowReturn: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

/** Several people approve at one node (会签): all of them, any one, or a share. */
export const countersignNode = defineNodeType({
  type: 'countersign',
  label: { 'zh-CN': '会签', en: 'Countersign' },
  description: {
    'zh-CN': '多人在同一节点审批：全部、任一或按比例通过',
    en: 'Several people approve at one node: all, any or a share of them',
  },
  config: CountersignConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  createsTasks: true,
  assignees: taskAssignees,
  expressions: (config) => deadlineExpressions('/config/deadline', config.deadline),
  designer: {
    group: 'task',
    icon: 'users',
    defaultConfig: () => ({ assignees: [{ kind: 'departmentHead' }], rule: { kind: 'all' } }),
  },
});
