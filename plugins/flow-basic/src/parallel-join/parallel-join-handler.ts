import type { NodeHandler } from '@tessera/runtime/flow';

/**
 * 并行汇聚: waits until a token of the same split has come in by every incoming edge, then
 * one token leaves, outside that split.
 */
export const parallelJoinHandler: NodeHandler = {
  type: 'parallel-join',
  enter(step, token, node) {
    step.wait(token, { kind: 'join' });
    const split = token.branches.at(-1);
    const here = step.instance.tokens.filter(
      (one) => one.node === node.id && one.wait?.kind === 'join' && one.branches.at(-1) === split,
    );
    const arrived = new Set(here.map((one) => one.via));
    if (step.flow.incoming(node.id).some((edge) => !arrived.has(edge.id))) return;
    // kept by the engine, so a return from after the join can reopen one branch alone
    step.merge(node.id, here);
    const out = step.flow.outgoing(node.id)[0]!;
    step.log({ action: 'joined', node: node.id });
    step.arrive(out.to, token.branches.slice(0, -1), out.id);
  },
};
