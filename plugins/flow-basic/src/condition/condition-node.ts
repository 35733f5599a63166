import { defineNodeType, Type } from '@tessera/core';

/** No settings: the conditions live on the outgoing edges. */
export const ConditionConfig = Type.Object({}, { additionalProperties: false });

/**
 * Takes exactly one outgoing edge (条件分支): the first whose `condition` holds, else the
 * one marked `default`. Core's flow checker enforces the default edge.
 */
export const conditionNode = defineNodeType({
  type: 'condition',
  label: { 'zh-CN': '条件分支', en: 'Condition' },
  description: {
    'zh-CN': '按连线上的条件选择一条分支',
    en: 'Takes the one branch whose condition holds',
  },
  config: ConditionConfig,
  shape: 'exclusive',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 2, max: Number.POSITIVE_INFINITY },
  designer: { group: 'gateway', icon: 'split', defaultConfig: () => ({}) },
});
