import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { FlowDefinition } from '../model/flow.ts';
import type { NodeTypeDefinition } from '../plugin/node-type.ts';
import { buildGraph, findCycle, nearestPostDominator, postDominators, reach } from './graph.ts';

type NodeTypeOf = (type: string) => NodeTypeDefinition | undefined;

/**
 * The checks a flow must pass before it is published: ids unique and edges connected, one
 * start, edge counts each node type allows, every node reachable, every path ending, no
 * cycles (going back is the return action, not an edge), conditions total, and parallel
 * joins matching their splits. Issues point at node and edge ids.
 */
export function checkFlowGraph(
  flow: FlowDefinition,
  base: string,
  nodeTypeOf: NodeTypeOf,
): Issue[] {
  const issues: Issue[] = [];
  const nodeIndex = new Map<string, number>();
  flow.nodes.forEach((node, index) => {
    if (nodeIndex.has(node.id)) {
      issues.push(
        issue(pointer(base, 'nodes', index, 'id'), 'flow.duplicateNode', {
          en: `node id "${node.id}" is used twice`,
          'zh-CN': `节点 ID“${node.id}”重复`,
        }),
      );
    } else nodeIndex.set(node.id, index);
  });
  const at = (id: string) => pointer(base, 'nodes', nodeIndex.get(id) ?? 0);
  const edgeIds = new Set<string>();
  flow.edges.forEach((edge, index) => {
    const path = pointer(base, 'edges', index);
    if (edgeIds.has(edge.id)) {
      issues.push(
        issue(`${path}/id`, 'flow.duplicateEdge', {
          en: `edge id "${edge.id}" is used twice`,
          'zh-CN': `连线 ID“${edge.id}”重复`,
        }),
      );
    }
    edgeIds.add(edge.id);
    for (const end of ['from', 'to'] as const) {
      if (!nodeIndex.has(edge[end])) {
        issues.push(
          issue(`${path}/${end}`, 'flow.unknownNode', {
            en: `edge "${edge.id}" points at node "${edge[end]}", which does not exist`,
            'zh-CN': `连线“${edge.id}”指向不存在的节点“${edge[end]}”`,
          }),
        );
      }
    }
    if (edge.from === edge.to) {
      issues.push(
        issue(path, 'flow.selfLoop', {
          en: `edge "${edge.id}" leads from node "${edge.from}" back to itself`,
          'zh-CN': `连线“${edge.id}”从节点“${edge.from}”连回自身`,
        }),
      );
    }
  });
  const typed = flow.nodes.map((node) => [node, nodeTypeOf(node.type)] as const);
  const starts = typed.filter(([, type]) => type?.shape === 'start').map(([node]) => node.id);
  const ends = new Set(typed.filter(([, type]) => type?.shape === 'end').map(([node]) => node.id));
  if (starts.length !== 1) {
    issues.push(
      issue(pointer(base, 'nodes'), 'flow.start', {
        en:
          starts.length === 0
            ? 'the flow has no start node'
            : `the flow has ${starts.length} start nodes (${starts.join(', ')}); it needs exactly one`,
        'zh-CN':
          starts.length === 0
            ? '流程缺少开始节点'
            : `流程有 ${starts.length} 个开始节点（${starts.join('、')}），只能有一个`,
      }),
    );
  }
  if (ends.size === 0) {
    issues.push(
      issue(pointer(base, 'nodes'), 'flow.end', {
        en: 'the flow has no end node',
        'zh-CN': '流程缺少结束节点',
      }),
    );
  }
  const graph = buildGraph(flow);
  for (const [node, type] of typed) {
    if (!type) continue;
    issues.push(
      ...countIssues(
        node.id,
        at(node.id),
        'incoming',
        graph.in.get(node.id)?.length ?? 0,
        type.incoming,
      ),
    );
    issues.push(
      ...countIssues(
        node.id,
        at(node.id),
        'outgoing',
        graph.out.get(node.id)?.length ?? 0,
        type.outgoing,
      ),
    );
  }
  issues.push(...checkConditions(flow, base, nodeTypeOf));
  if (starts.length !== 1) return issues;

  const reachable = reach(starts, graph.out);
  for (const id of graph.ids) {
    if (!reachable.has(id)) {
      issues.push(
        issue(at(id), 'flow.unreachable', {
          en: `node "${id}" cannot be reached from the start node "${starts[0]}"`,
          'zh-CN': `节点“${id}”无法从开始节点“${starts[0]}”到达`,
        }),
      );
    }
  }
  const ending = reach([...ends], graph.in);
  for (const id of graph.ids) {
    if (!ending.has(id)) {
      issues.push(
        issue(at(id), 'flow.deadEnd', {
          en: `no path from node "${id}" reaches an end node (dead end)`,
          'zh-CN': `从节点“${id}”出发没有任何路径能到达结束节点（死路）`,
        }),
      );
    }
  }
  const cycle = findCycle(graph);
  if (cycle) {
    issues.push(
      issue(at(cycle[0]!), 'flow.cycle', {
        en: `nodes ${cycle.map((id) => `"${id}"`).join(' → ')} form a cycle; to send an item back use the return action (回退), not an edge`,
        'zh-CN': `节点 ${cycle.map((id) => `“${id}”`).join(' → ')} 构成了环；退回请使用“回退”操作，而不是连线`,
      }),
    );
  }
  if (issues.length > 0) return issues;
  return checkSplitsAndJoins(
    typed.map(([node, type]) => [node.id, type?.shape] as const),
    graph,
    ends,
    at,
  );
}

function countIssues(
  id: string,
  path: string,
  direction: 'incoming' | 'outgoing',
  count: number,
  allowed: { min: number; max: number },
): Issue[] {
  const zh = direction === 'incoming' ? '进入' : '流出';
  if (count < allowed.min) {
    return [
      issue(path, `flow.${direction}.min`, {
        en: `node "${id}" has ${count} ${direction} edge(s); it needs at least ${allowed.min}`,
        'zh-CN': `节点“${id}”有 ${count} 条${zh}连线，至少需要 ${allowed.min} 条`,
      }),
    ];
  }
  if (count > allowed.max) {
    return [
      issue(path, `flow.${direction}.max`, {
        en: `node "${id}" has ${count} ${direction} edges; it allows at most ${allowed.max}`,
        'zh-CN': `节点“${id}”有 ${count} 条${zh}连线，最多允许 ${allowed.max} 条`,
      }),
    ];
  }
  return [];
}

function checkConditions(flow: FlowDefinition, base: string, nodeTypeOf: NodeTypeOf): Issue[] {
  const issues: Issue[] = [];
  const shapes = new Map(flow.nodes.map((node) => [node.id, nodeTypeOf(node.type)?.shape]));
  const defaults = new Map<string, number>();
  flow.edges.forEach((edge, index) => {
    const path = pointer(base, 'edges', index);
    const exclusive = shapes.get(edge.from) === 'exclusive';
    if (!exclusive && (edge.condition !== undefined || edge.default)) {
      issues.push(
        issue(path, 'flow.conditionOutsideBranch', {
          en: `edge "${edge.id}" has a condition, but only edges leaving a condition node may have one`,
          'zh-CN': `连线“${edge.id}”设置了条件，但只有从条件分支节点流出的连线才能设置条件`,
        }),
      );
    }
    if (!exclusive) return;
    if (edge.default) defaults.set(edge.from, (defaults.get(edge.from) ?? 0) + 1);
    if (edge.default && edge.condition !== undefined) {
      issues.push(
        issue(`${path}/condition`, 'flow.defaultWithCondition', {
          en: `edge "${edge.id}" is the default branch, so it must not have a condition`,
          'zh-CN': `连线“${edge.id}”是默认分支，不能再设置条件`,
        }),
      );
    }
    if (!edge.default && edge.condition === undefined) {
      issues.push(
        issue(path, 'flow.missingCondition', {
          en: `edge "${edge.id}" leaves condition node "${edge.from}" without a condition; give it one or make it the default`,
          'zh-CN': `连线“${edge.id}”从条件节点“${edge.from}”流出但没有条件；请设置条件或设为默认分支`,
        }),
      );
    }
  });
  flow.nodes.forEach((node, index) => {
    if (shapes.get(node.id) !== 'exclusive') return;
    const count = defaults.get(node.id) ?? 0;
    if (count !== 1) {
      issues.push(
        issue(pointer(base, 'nodes', index), count === 0 ? 'flow.noDefault' : 'flow.manyDefaults', {
          en:
            count === 0
              ? `condition node "${node.id}" has no default branch; mark one outgoing edge as default so every case has a way on`
              : `condition node "${node.id}" has ${count} default branches; it needs exactly one`,
          'zh-CN':
            count === 0
              ? `条件节点“${node.id}”没有默认分支；请将一条流出连线设为默认，确保所有情况都有去向`
              : `条件节点“${node.id}”有 ${count} 条默认分支，只能有一条`,
        }),
      );
    }
  });
  return issues;
}

function checkSplitsAndJoins(
  shapes: readonly (readonly [string, string | undefined])[],
  graph: ReturnType<typeof buildGraph>,
  ends: ReadonlySet<string>,
  at: (id: string) => string,
): Issue[] {
  const issues: Issue[] = [];
  const pdom = postDominators(graph, ends);
  const shapeOf = new Map(shapes);
  const closed = new Map<string, string>();
  for (const [id, shape] of shapes) {
    if (shape !== 'split') continue;
    const join = nearestPostDominator(id, pdom);
    if (!join || shapeOf.get(join) !== 'join') {
      issues.push(
        issue(at(id), 'flow.splitWithoutJoin', {
          en: `the branches of parallel split "${id}" do not all meet at one parallel join`,
          'zh-CN': `并行分支“${id}”的各条分支没有汇聚到同一个并行汇聚节点`,
        }),
      );
      continue;
    }
    closed.set(join, id);
    const branches = graph.out.get(id)?.length ?? 0;
    const arriving = graph.in.get(join)?.length ?? 0;
    if (branches !== arriving) {
      issues.push(
        issue(at(join), 'flow.joinMismatch', {
          en: `parallel join "${join}" has ${arriving} incoming edges, but split "${id}" opens ${branches} branches; a join waits for exactly the branches of its split`,
          'zh-CN': `并行汇聚“${join}”有 ${arriving} 条进入连线，但并行分支“${id}”有 ${branches} 条分支；汇聚节点须正好等待其分支节点的各条分支`,
        }),
      );
    }
  }
  for (const [id, shape] of shapes) {
    if (shape === 'join' && !closed.has(id)) {
      issues.push(
        issue(at(id), 'flow.joinWithoutSplit', {
          en: `parallel join "${id}" does not close any parallel split`,
          'zh-CN': `并行汇聚“${id}”没有对应的并行分支`,
        }),
      );
    }
  }
  return issues;
}
