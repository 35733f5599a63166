import { defineNodeType, Type } from '@tessera/core';

export const ParallelSplitConfig = Type.Object({}, { additionalProperties: false });

/** Starts every outgoing branch at once (并行分支); a parallel join merges them. */
export const parallelSplitNode = defineNodeType({
  type: 'parallel-split',
  label: { 'zh-CN': '并行分支', en: 'Parallel split' },
  description: { 'zh-CN': '同时进入所有分支', en: 'Starts all outgoing branches at once' },
  config: ParallelSplitConfig,
  shape: 'split',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 2, max: Number.POSITIVE_INFINITY },
  designer: { group: 'gateway', icon: 'git-fork', defaultConfig: () => ({}) },
});
