import type { NodeHandler } from '@tessera/runtime/flow';
import { approvalHandler } from './approval/approval-handler.ts';
import { conditionHandler } from './condition/condition-handler.ts';
import { countersignHandler } from './countersign/countersign-handler.ts';
import { endHandler } from './end/end-handler.ts';
import { notifyHandler } from './notify/notify-handler.ts';
import { parallelJoinHandler } from './parallel-join/parallel-join-handler.ts';
import { parallelSplitHandler } from './parallel-split/parallel-split-handler.ts';
import { startHandler } from './start/start-handler.ts';
import { subFlowHandler } from './sub-flow/sub-flow-handler.ts';
import { timerHandler } from './timer/timer-handler.ts';
import { writeBackHandler } from './write-back/write-back-handler.ts';

/** How each basic node type runs, one handler per node type folder (the engine's registry). */
export const flowBasicHandlers: readonly NodeHandler[] = [
  startHandler,
  approvalHandler,
  countersignHandler,
  notifyHandler,
  conditionHandler,
  parallelSplitHandler,
  parallelJoinHandler,
  writeBackHandler,
  timerHandler,
  subFlowHandler,
  endHandler,
];
