import type { Static } from '@tessera/core';
import type { NodeHandler } from '@tessera/runtime/flow';
import type { EndConfig } from './end-node.ts';

/** 结束: the instance finishes with the node's outcome once no other branch is still running. */
export const endHandler: NodeHandler = {
  type: 'end',
  enter(step, token, node) {
    step.consume(token);
    const outcome = (node.config as Static<typeof EndConfig> | undefined)?.outcome ?? 'approved';
    if (outcome !== 'approved' || step.instance.tokens.length === 0) step.end(outcome, node.id);
  },
};
