import { AssigneeRuleSchema, defineNodeType, Type } from '@tessera/core';
import { assigneesAt } from '../shared/assignees-at.ts';

export const StartConfig = Type.Object(
  {
    /** Who may start the flow; absent or empty means anyone with access to its form. */
    initiators: Type.Optional(Type.Array(AssigneeRuleSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

/** Where every instance begins: the drafter submits the form (发起). */
export const startNode = defineNodeType({
  type: 'start',
  label: { 'zh-CN': '开始', en: 'Start' },
  description: { 'zh-CN': '流程从提交表单开始', en: 'The flow begins when the form is submitted' },
  config: StartConfig,
  shape: 'start',
  incoming: { min: 0, max: 0 },
  outgoing: { min: 1, max: 1 },
  assignees: (config) => assigneesAt('/config/initiators', config.initiators),
  designer: { group: 'event', icon: 'circle-play', defaultConfig: () => ({}) },
});
