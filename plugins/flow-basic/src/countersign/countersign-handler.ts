import type { Static } from '@tessera/core';
import { isOpen, type NodeHandler, type Settlement } from '@tessera/runtime/flow';
import { addedPending, countedTasks, openNodeTasks } from '../shared/task-node.ts';
import type { CountersignConfig } from './countersign-node.ts';

type Config = Static<typeof CountersignConfig>;
const configOf = (node: { config?: unknown }) => node.config as Config;

interface Tally {
  readonly voters: number;
  readonly approved: number;
  readonly rejected: number;
  readonly open: number;
  readonly addedPending: boolean;
}

/** Each rule's verdict over the votes so far: a registry, one entry per rule kind. */
const VERDICTS: {
  readonly [Kind in Config['rule']['kind']]: (
    tally: Tally,
    rule: Extract<Config['rule'], { kind: Kind }>,
  ) => Settlement;
} = {
  all: (tally) => (tally.rejected > 0 ? 'failed' : tally.open === 0 ? 'passed' : 'pending'),
  any: (tally) =>
    tally.approved > 0 && !tally.addedPending
      ? 'passed'
      : tally.open === 0 && tally.approved === 0
        ? 'failed'
        : 'pending',
  share: (tally, rule) => {
    const needed = Math.ceil((rule.percent * tally.voters) / 100);
    if (tally.approved >= needed && !tally.addedPending) return 'passed';
    return tally.approved + tally.open < needed ? 'failed' : 'pending';
  },
};

/** 会签: everyone resolved votes; the node passes when all, any or a share approve. */
export const countersignHandler: NodeHandler = {
  type: 'countersign',
  enter(step, token, node) {
    openNodeTasks(step, token, node, configOf(node));
  },
  settle(step, token, node) {
    const tasks = countedTasks(step, token);
    const tally: Tally = {
      voters: tasks.length,
      approved: tasks.filter((task) => task.status === 'approved').length,
      rejected: tasks.filter((task) => task.status === 'rejected').length,
      open: tasks.filter(isOpen).length,
      addedPending: addedPending(tasks),
    };
    const rule = configOf(node).rule;
    return (VERDICTS[rule.kind] as (tally: Tally, rule: Config['rule']) => Settlement)(tally, rule);
  },
  returns: (node) => ({ allowed: configOf(node).allowReturn ?? true, to: 'any' }),
};
