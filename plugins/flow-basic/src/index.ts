import { definePlugin } from '@tessera/core';
import { approvalNode } from './approval/approval-node.ts';
import { conditionNode } from './condition/condition-node.ts';
import { countersignNode } from './countersign/countersign-node.ts';
import { endNode } from './end/end-node.ts';
import { notifyNode } from './notify/notify-node.ts';
import { parallelJoinNode } from './parallel-join/parallel-join-node.ts';
import { parallelSplitNode } from './parallel-split/parallel-split-node.ts';
import { startNode } from './start/start-node.ts';
import { subFlowNode } from './sub-flow/sub-flow-node.ts';
import { timerNode } from './timer/timer-node.ts';
import { writeBackNode } from './write-back/write-back-node.ts';

export { ApprovalConfig, approvalNode } from './approval/approval-node.ts';
export { ConditionConfig, conditionNode } from './condition/condition-node.ts';
export { CountersignConfig, countersignNode } from './countersign/countersign-node.ts';
export {
  approvalsNeeded,
  CountersignRule,
  type CountersignRuleValue,
  describeCountersignRule,
} from './countersign/countersign-rule.ts';
export { EndConfig, endNode } from './end/end-node.ts';
export { NotifyConfig, notifyNode } from './notify/notify-node.ts';
export { ParallelJoinConfig, parallelJoinNode } from './parallel-join/parallel-join-node.ts';
export { ParallelSplitConfig, parallelSplitNode } from './parallel-split/parallel-split-node.ts';
export { StartConfig, startNode } from './start/start-node.ts';
export { SubFlowConfig, type SubFlowConfigValue } from './sub-flow/sub-flow-config.ts';
export { subFlowNode } from './sub-flow/sub-flow-node.ts';
export { TimerConfig, timerNode } from './timer/timer-node.ts';
export {
  type CreatedLookups,
  createdIds,
  effectRecordKey,
  forEachRecordId,
} from './write-back/created-ids.ts';
export { type ForEachItems, forEachItems } from './write-back/for-each-items.ts';
export {
  planWriteBack,
  type WriteBackInput,
  type WriteBackPlan,
  writeBackRecordId,
} from './write-back/plan-write-back.ts';
export {
  tryWriteBack,
  type WriteBackTrial,
  type WriteBackTrialInput,
} from './write-back/try-write-back.ts';
export { WriteBackConfig, type WriteBackConfigValue } from './write-back/write-back-config.ts';
export {
  forEachEnvironment,
  type WriteBackScope,
  writeBackInput,
} from './write-back/write-back-input.ts';
export { writeBackNode } from './write-back/write-back-node.ts';
export {
  CREATED_VARIABLE,
  forEachField,
  MAX_FOR_EACH,
  writeBackVariables,
} from './write-back/write-back-variables.ts';

/** The basic flow node types, as one plugin. */
export const flowBasic = definePlugin({
  name: '@tessera/plugin-flow-basic',
  version: '0.1.0',
  nodeTypes: [
    startNode,
    approvalNode,
    countersignNode,
    notifyNode,
    conditionNode,
    parallelSplitNode,
    parallelJoinNode,
    writeBackNode,
    timerNode,
    subFlowNode,
    endNode,
  ],
});
