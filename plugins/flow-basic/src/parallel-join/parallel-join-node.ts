import { defineNodeType, Type } from '@tessera/core';

export const ParallelJoinConfig = Type.Object(
  {
    /** Waits for every incoming branch; the only policy so far. */
    wait: Type.Optional(Type.Literal('all', { default: 'all' })),
  },
  { additionalProperties: false },
);

/** Merges the branches of a parallel split (并行汇聚): continues once all have arrived. */
export const parallelJoinNode = defineNodeType({
  type: 'parallel-join',
  label: { 'zh-CN': '并行汇聚', en: 'Parallel join' },
  description: { 'zh-CN': '等待所有分支到达后继续', en: 'Continues once every branch has arrived' },
  config: ParallelJoinConfig,
  shape: 'join',
  incoming: { min: 2, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  designer: { group: 'gateway', icon: 'git-merge', defaultConfig: () => ({ wait: 'all' }) },
});
