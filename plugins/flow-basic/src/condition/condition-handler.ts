import type { NodeHandler } from '@tessera/runtime/flow';

/** 条件分支: the first outgoing edge whose condition holds, else the default one. */
export const conditionHandler: NodeHandler = {
  type: 'condition',
  enter(step, token, node) {
    const edges = step.flow.outgoing(node.id);
    const taken = edges.find(
      (edge) =>
        edge.condition !== undefined &&
        step.evaluate(edge.condition, node, `/edges/${edge.id}/condition`, 'bool') === true,
    );
    const edge = taken ?? edges.find((one) => one.default);
    if (!edge) {
      return step.fail('flow.noPath', {
        en: `no condition out of node "${node.id}" holds and it has no default branch`,
        'zh-CN': `节点“${node.id}”没有成立的条件，也没有默认分支`,
      });
    }
    step.log({ action: 'branched', node: node.id, to: edge.to });
    step.leave(token, edge);
  },
};
