import { AssigneeRuleSchema, DeadlineSchema, defineNodeType, Type } from '@tessera/core';
import { taskAssignees } from '../shared/assignees-at.ts';
import { deadlineExpressions } from '../shared/expressions-at.ts';

export const ApprovalConfig = Type.Object(
  {
    /** Who may act; the rules are resolved to people when the node is reached. */
    assignees: Type.Array(AssigneeRuleSchema, { minItems: 1, maxItems: 50 }),
    /**
     * `any`: each resolved person gets the task, the first to act decides it;
     * `single`: the previous handler picks one of the resolved people (选人).
     */
    mode: Type.Optional(
      Type.Union([Type.Literal('any'), Type.Literal('single')], { default: 'any' }),
    ),
    /** Whether the approver may send the item back (回退). */
    allowReturn: Type.Optional(Type.Boolean({ default: true })),
    /** Where a return goes: the previous node, the drafter, or any node already passed. */
    returnTo: Type.Optional(
      Type.Union([Type.Literal('previous'), Type.Literal('drafter'), Type.Literal('any')], {
        default: 'any',
      }),
    ),
    /** Overdue reminder (超期提醒). */
    deadline: Type.Optional(DeadlineSchema),
    /** Whether acting requires a written opinion (审批意见). */
    opinionRequired: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

/** One person approves, rejects or returns the item (审批). */
export const approvalNode = defineNodeType({
  type: 'approval',
  label: { 'zh-CN': '审批', en: 'Approval' },
  description: {
    'zh-CN': '由一人审批：同意、驳回或回退',
    en: 'One person approves, rejects or returns the item',
  },
  config: ApprovalConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  createsTasks: true,
  assignees: taskAssignees,
  expressions: (config) => deadlineExpressions('/config/deadline', config.deadline),
  designer: {
    group: 'task',
    icon: 'user-check',
    defaultConfig: () => ({ assignees: [{ kind: 'departmentHead' }] }),
  },
});
