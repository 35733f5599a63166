import type { NodeHandler } from '@tessera/runtime/flow';

/**
 * The drafter's turn (发起): a draft task for the initiator, at creation and whenever the
 * item comes back (returned to the drafter, withdrawn). The submit command completes it.
 */
export const startHandler: NodeHandler = {
  type: 'start',
  enter(step, token) {
    step.wait(token, { kind: 'tasks' });
    step.openTask(token, { kind: 'draft', assignee: step.instance.initiator });
  },
  returns: () => ({ allowed: false, to: 'any' }),
};
