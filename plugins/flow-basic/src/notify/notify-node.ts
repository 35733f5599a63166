import { AssigneeRuleSchema, defineNodeType, LocalizedTextSchema, Type } from '@tessera/core';
import { assigneesAt } from '../shared/assignees-at.ts';

export const NotifyConfig = Type.Object(
  {
    recipients: Type.Array(AssigneeRuleSchema, { minItems: 1, maxItems: 50 }),
    /** Shown with the item; the form's title is used when absent. */
    message: Type.Optional(LocalizedTextSchema),
  },
  { additionalProperties: false },
);

/**
 * People get the item to read (知会); the flow moves on without waiting. It makes read
 * items, not tasks, so it is not `createsTasks`, yet its recipients must still resolve.
 */
export const notifyNode = defineNodeType({
  type: 'notify',
  label: { 'zh-CN': '知会', en: 'Notify' },
  description: {
    'zh-CN': '发送给相关人员阅知，流程不等待',
    en: 'Sends the item to people to read; the flow does not wait',
  },
  config: NotifyConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  assignees: (config) => assigneesAt('/config/recipients', config.recipients),
  designer: {
    group: 'task',
    icon: 'bell',
    defaultConfig: () => ({ recipients: [{ kind: 'initiator' }] }),
  },
});
