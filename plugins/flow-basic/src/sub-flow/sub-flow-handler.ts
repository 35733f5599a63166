import type { NodeHandler } from '@tessera/runtime/flow';
import type { SubFlowConfigValue } from './sub-flow-config.ts';

/**
 * 子流程: owes the server the start of another flow's instance (with the mapped record);
 * waits for it to finish unless told not to.
 */
export const subFlowHandler: NodeHandler = {
  type: 'sub-flow',
  enter(step, token, node) {
    const wait = (node.config as SubFlowConfigValue).wait ?? true;
    const owed = step.owe({ type: 'startSubflow', node: node.id, wait });
    step.log({ action: 'subflowStarted', node: node.id });
    if (wait) step.wait(token, { kind: 'subflow', effect: owed.id });
    else step.leave(token);
  },
};
