import { type FlowNode, type Issue, issue, type NodeCheckContext } from '@tessera/core';
import { unknownFields } from '../shared/unknown-fields.ts';
import type { SubFlowConfigValue } from './sub-flow-config.ts';
import { subFlowCycle } from './sub-flow-cycle.ts';

/** The sub-flow exists, is not this flow (directly or through others), and the mapping names its fields. */
export function checkSubFlow(
  node: FlowNode & { readonly config: SubFlowConfigValue },
  ctx: NodeCheckContext,
): Issue[] {
  const { config } = node;
  if (config.flow === ctx.flow.id) {
    return [
      issue('/config/flow', 'sub-flow.self', {
        en: `a sub-flow node cannot start its own flow "${config.flow}"`,
        'zh-CN': `子流程节点不能启动其所在的流程 "${config.flow}"`,
      }),
    ];
  }
  const flow = ctx.flowById(config.flow);
  if (!flow) {
    return [
      issue('/config/flow', 'sub-flow.unknown-flow', {
        en: `sub-flow "${config.flow}" does not exist`,
        'zh-CN': `子流程 "${config.flow}" 不存在`,
      }),
    ];
  }
  const found: Issue[] = [];
  const cycle = subFlowCycle(config.flow, ctx.flow.id, ctx.flowById);
  if (cycle) {
    const chain = [ctx.flow.id, ...cycle].join(' → ');
    found.push(
      issue('/config/flow', 'sub-flow.cycle', {
        en: `sub-flows start each other without end: ${chain}`,
        'zh-CN': `子流程相互启动，形成循环：${chain}`,
      }),
    );
  }
  const table = ctx.tableById(flow.table);
  if (table) {
    found.push(
      ...unknownFields('/config/mapping', config.mapping, table, 'sub-flow.unknown-field'),
    );
  }
  return found;
}
