import type { Static } from '@tessera/core';
import type { NodeHandler } from '@tessera/runtime/flow';
import { addedPending, countedTasks, openNodeTasks } from '../shared/task-node.ts';
import type { ApprovalConfig } from './approval-node.ts';

type Config = Static<typeof ApprovalConfig>;
const configOf = (node: { config?: unknown }) => (node.config ?? {}) as Config;

/**
 * 审批: every resolved person gets the task and the first decision counts (or the one person
 * picked, in `single` mode). Signers added before or after someone must approve too.
 */
export const approvalHandler: NodeHandler = {
  type: 'approval',
  enter(step, token, node) {
    const config = configOf(node);
    openNodeTasks(step, token, node, config, { single: config.mode === 'single' });
  },
  settle(step, token) {
    const tasks = countedTasks(step, token);
    if (tasks.some((task) => task.status === 'rejected')) return 'failed';
    const approved = tasks.some((task) => task.status === 'approved');
    const waiting = tasks.some((task) => task.status === 'waiting');
    return approved && !waiting && !addedPending(tasks) ? 'passed' : 'pending';
  },
  returns: (node) => ({
    allowed: configOf(node).allowReturn ?? true,
    to: configOf(node).returnTo ?? 'any',
  }),
  opinionRequired: (node) => configOf(node).opinionRequired ?? false,
};
