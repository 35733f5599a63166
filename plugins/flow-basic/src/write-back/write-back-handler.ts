import type { NodeHandler } from '@tessera/runtime/flow';

/**
 * 回写: owes the server one write to another table, recorded on the instance with the
 * record's values so it is applied exactly once, even after a crash (decision 11).
 */
export const writeBackHandler: NodeHandler = {
  type: 'write-back',
  enter(step, token, node) {
    const owed = step.owe({ type: 'writeBack', node: node.id });
    // the effect id names the records a create makes, so later nodes can link to them (`created`)
    step.log({ action: 'wroteBack', node: node.id, effect: owed.id });
    step.leave(token);
  },
};
