import type { FlowDefinition } from '@tessera/core';

/** The flows a flow starts through its sub-flow nodes (configs not yet validated: read with care). */
function startedBy(flow: FlowDefinition): string[] {
  return flow.nodes
    .filter((node) => node.type === 'sub-flow' && typeof node.config?.flow === 'string')
    .map((node) => node.config?.flow as string);
}

/**
 * A chain of flow ids `from → … → back` when `from` starts `back` again through sub-flows,
 * i.e. instances would start each other without end; undefined when there is none.
 */
export function subFlowCycle(
  from: string,
  back: string,
  flowById: (id: string) => FlowDefinition | undefined,
): string[] | undefined {
  const seen = new Set<string>();
  const queue: string[][] = [[from]];
  for (let chain = queue.shift(); chain; chain = queue.shift()) {
    const last = chain[chain.length - 1]!;
    if (last === back) return chain;
    if (seen.has(last)) continue;
    seen.add(last);
    const flow = flowById(last);
    if (flow) queue.push(...startedBy(flow).map((next) => [...chain, next]));
  }
  return undefined;
}
