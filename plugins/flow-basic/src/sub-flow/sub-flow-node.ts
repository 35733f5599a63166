import { defineNodeType } from '@tessera/core';
import { mappingExpressions } from '../shared/expressions-at.ts';
import { checkSubFlow } from './sub-flow-check.ts';
import { SubFlowConfig } from './sub-flow-config.ts';

/** Starts another flow with a record filled from this one (子流程), and by default waits for it. */
export const subFlowNode = defineNodeType({
  type: 'sub-flow',
  label: { 'zh-CN': '子流程', en: 'Sub-flow' },
  description: {
    'zh-CN': '发起另一个流程，默认等待其结束',
    en: 'Starts another flow and, by default, waits for it to finish',
  },
  config: SubFlowConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  expressions: (config) =>
    mappingExpressions('/config/mapping', config.mapping, { flow: config.flow }),
  check: checkSubFlow,
  designer: {
    group: 'automation',
    icon: 'workflow',
    // a placeholder the designer asks to replace; check() reports it until then
    defaultConfig: () => ({ flow: 'subFlow', wait: true }),
  },
});
