import type { Static } from '@tessera/core';
import { addMs, isoDurationMs, type NodeHandler } from '@tessera/runtime/flow';
import type { TimerConfig } from './timer-node.ts';

/** 定时: holds the token until a duration has passed or a point in time is reached. */
export const timerHandler: NodeHandler = {
  type: 'timer',
  enter(step, token, node) {
    const { wait } = node.config as Static<typeof TimerConfig>;
    const at =
      wait.after !== undefined
        ? addMs(step.now, isoDurationMs(wait.after))
        : new Date(
            String(step.evaluateJson(wait.until!, node, '/config/wait/until', 'timestamp')),
          ).toISOString();
    if (at <= step.now) {
      step.leave(token);
      return;
    }
    step.wait(token, { kind: 'timer', at });
    step.log({ action: 'waiting', node: node.id, outcome: at });
    step.schedule(`${token.id}:wake`, at, {
      type: 'wake',
      actor: 'system',
      token: token.id,
      key: `${token.id}:wake`,
    });
  },
};
