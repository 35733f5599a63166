import type { FlowDefinition } from '../model/flow.ts';

/** Adjacency of a flow's graph, over edges whose endpoints exist. */
export interface FlowGraph {
  readonly ids: readonly string[];
  readonly out: ReadonlyMap<string, readonly string[]>;
  readonly in: ReadonlyMap<string, readonly string[]>;
}

export function buildGraph(flow: FlowDefinition): FlowGraph {
  const ids = flow.nodes.map((node) => node.id);
  const known = new Set(ids);
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const inn = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of flow.edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    out.get(edge.from)!.push(edge.to);
    inn.get(edge.to)!.push(edge.from);
  }
  return { ids, out, in: inn };
}

/** Every node reachable from `roots` following `next`. */
export function reach(
  roots: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>(roots);
  const stack = [...roots];
  while (stack.length > 0) {
    for (const to of next.get(stack.pop()!) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}

/** A cycle as a list of node ids (first repeated at the end), or undefined for a DAG. */
export function findCycle(graph: FlowGraph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    trail.push(id);
    for (const to of graph.out.get(id) ?? []) {
      if (state.get(to) === 'open') return [...trail.slice(trail.indexOf(to)), to];
      if (!state.has(to)) {
        const found = visit(to);
        if (found) return found;
      }
    }
    trail.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of graph.ids) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Post-dominator sets of an acyclic graph: pdom(n) holds every node that lies on all paths
 * from n to an end. The nearest post-dominator of a parallel split must be its join.
 */
export function postDominators(
  graph: FlowGraph,
  ends: ReadonlySet<string>,
): Map<string, Set<string>> {
  const EXIT = '\u0000exit';
  const order = topologicalOrder(graph).reverse();
  const pdom = new Map<string, Set<string>>();
  for (const id of order) {
    const successors = graph.out.get(id) ?? [];
    let common: Set<string> | undefined;
    if (ends.has(id) || successors.length === 0) common = new Set([EXIT]);
    for (const next of successors) {
      const theirs = pdom.get(next) ?? new Set<string>();
      common = common ? new Set([...common].filter((one) => theirs.has(one))) : new Set(theirs);
    }
    pdom.set(id, new Set([id, ...(common ?? [])]));
  }
  return pdom;
}

/** The nearest strict post-dominator of `id` (the one with the most post-dominators itself). */
export function nearestPostDominator(
  id: string,
  pdom: ReadonlyMap<string, Set<string>>,
): string | undefined {
  let best: string | undefined;
  let bestSize = -1;
  for (const other of pdom.get(id) ?? []) {
    if (other === id) continue;
    const size = pdom.get(other)?.size ?? 0;
    if (size > bestSize) {
      best = other;
      bestSize = size;
    }
  }
  return best !== undefined && pdom.has(best) ? best : undefined;
}

function topologicalOrder(graph: FlowGraph): string[] {
  const indegree = new Map(graph.ids.map((id) => [id, graph.in.get(id)?.length ?? 0]));
  const queue = graph.ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const to of graph.out.get(id) ?? []) {
      const left = indegree.get(to)! - 1;
      indegree.set(to, left);
      if (left === 0) queue.push(to);
    }
  }
  return order;
}
