import type { Static } from '@tessera/core';
import type { NodeHandler } from '@tessera/runtime/flow';
import type { NotifyConfig } from './notify-node.ts';

/** 知会: each recipient gets an item to read, and the flow moves on at once. */
export const notifyHandler: NodeHandler = {
  type: 'notify',
  enter(step, token, node) {
    const config = node.config as Static<typeof NotifyConfig>;
    const users = step.assignees(config.recipients, node, '/config/recipients');
    const tasks = users.map((assignee) => step.openTask(token, { kind: 'cc', assignee }));
    step.log({ action: 'notified', node: node.id, users });
    for (const task of tasks) step.notice('cc', [task.assignee], task.id);
    step.leave(token);
  },
};
