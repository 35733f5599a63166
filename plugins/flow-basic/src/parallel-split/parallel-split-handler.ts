import type { NodeHandler } from '@tessera/runtime/flow';

/**
 * 并行分支: one token per outgoing edge, each marked as inside this split. The split is
 * logged, so the history and the diagram show it as passed.
 */
export const parallelSplitHandler: NodeHandler = {
  type: 'parallel-split',
  enter(step, token, node) {
    step.consume(token);
    step.log({ action: 'split', node: node.id });
    const branches = [...token.branches, token.id];
    for (const edge of step.flow.outgoing(node.id)) step.arrive(edge.to, branches, edge.id);
  },
};
