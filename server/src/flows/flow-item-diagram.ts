import type { FlowInstance, PreparedFlow } from '@tessera/runtime/flow';

export type NodeState = 'done' | 'active' | 'pending';

/** The read-only diagram of a flow item: each node's state and which edges were taken. */
export interface ItemDiagram {
  readonly nodes: readonly {
    id: string;
    type: string;
    label?: unknown;
    state: NodeState;
    /** Where the designer placed the node (its centre), when it did. */
    position?: { x: number; y: number };
    /** A node people vote on, last entered: at least `atLeast` of the `of` people reached approve. */
    needed?: { atLeast: number; of: number };
  }[];
  readonly edges: readonly { id: string; from: string; to: string; taken: boolean }[];
}

/** Timeline actions that mean the instance went through the node. */
const THROUGH = new Set([
  'submitted',
  'resubmitted',
  'passed',
  'branched',
  'split',
  'notified',
  'wroteBack',
  'joined',
  'ended',
  'subflowEnded',
  'woke',
]);

/**
 * The diagram's data: a node with a token is active, one the timeline says the instance went
 * through is done, the rest pending; an edge is taken when its source is done and its target
 * was reached. A node people vote on carries what it needs of the people it last reached.
 */
export function itemDiagram(flow: PreparedFlow, instance: FlowInstance): ItemDiagram {
  const active = new Set(instance.tokens.map((token) => token.node));
  const done = new Set(
    instance.timeline
      .filter((entry) => entry.node && THROUGH.has(entry.action))
      .map((entry) => entry.node!),
  );
  const needed = new Map<string, { atLeast: number; of: number }>();
  for (const entry of instance.timeline) {
    if (entry.action === 'entered' && entry.node && entry.needed !== undefined)
      needed.set(entry.node, { atLeast: entry.needed, of: entry.users?.length ?? 0 });
  }
  const stateOf = (id: string): NodeState =>
    active.has(id) ? 'active' : done.has(id) ? 'done' : 'pending';
  return {
    nodes: flow.flow.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      ...(node.label ? { label: node.label } : {}),
      state: stateOf(node.id),
      ...(node.position ? { position: node.position } : {}),
      ...(needed.has(node.id) ? { needed: needed.get(node.id)! } : {}),
    })),
    edges: flow.flow.edges.map((edge) => ({
      id: edge.id,
      from: edge.from,
      to: edge.to,
      taken: done.has(edge.from) && stateOf(edge.to) !== 'pending',
    })),
  };
}
