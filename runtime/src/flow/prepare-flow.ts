import type {
  AppDefinition,
  CompiledExpression,
  ExpressionEnvironment,
  FlowDefinition,
  FlowEdge,
  FlowNode,
} from '@tessera/core';
import type { NodeHandler, NodeHandlers } from './node-handler.ts';

/** A published flow made ready to run: lookups built and expressions compiled once. */
export interface PreparedFlow {
  readonly app: AppDefinition;
  readonly flow: FlowDefinition;
  readonly start: FlowNode;
  node(id: string): FlowNode;
  handler(node: FlowNode): NodeHandler;
  outgoing(node: string): readonly FlowEdge[];
  incoming(node: string): readonly FlowEdge[];
  /** Compiled once per source and expected type. */
  compile(source: string, expect?: string): CompiledExpression;
  /** The environment over the flow's table (`target` typed for write-backs via `targetEnvironment`). */
  readonly expressions: ExpressionEnvironment;
}

export interface PrepareOptions {
  readonly app: AppDefinition;
  readonly flow: string;
  readonly handlers: NodeHandlers;
  /** The flow table's expression environment, e.g. `platform.expressions(app, flow.table)`. */
  readonly expressions: ExpressionEnvironment;
}

const group = (edges: readonly FlowEdge[], key: 'from' | 'to') => {
  const map = new Map<string, FlowEdge[]>();
  for (const edge of edges) {
    const list = map.get(edge[key]) ?? [];
    list.push(edge);
    map.set(edge[key], list);
  }
  return map;
};

/** Prepares a flow of a checked (published) app; throws when a node type has no handler. */
export function prepareFlow(options: PrepareOptions): PreparedFlow {
  const flow = options.app.flows?.find((one) => one.id === options.flow);
  if (!flow) throw new Error(`app "${options.app.id}" has no flow "${options.flow}"`);
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  const handlers = new Map<string, NodeHandler>();
  for (const node of flow.nodes) {
    const handler = options.handlers.get(node.type);
    if (!handler) throw new Error(`no handler for node type "${node.type}" (node "${node.id}")`);
    handlers.set(node.id, handler);
  }
  const start = flow.nodes.find((node) => handlers.get(node.id)?.type === 'start');
  if (!start) throw new Error(`flow "${flow.id}" has no start node`);
  const out = group(flow.edges, 'from');
  const inn = group(flow.edges, 'to');
  const compiled = new Map<string, CompiledExpression>();
  return {
    app: options.app,
    flow,
    start,
    expressions: options.expressions,
    node(id) {
      const node = nodes.get(id);
      if (!node) throw new Error(`flow "${flow.id}" has no node "${id}"`);
      return node;
    },
    handler: (node) => handlers.get(node.id)!,
    outgoing: (node) => out.get(node) ?? [],
    incoming: (node) => inn.get(node) ?? [],
    compile(source, expect) {
      const key = `${expect ?? ''}\u0000${source}`;
      let found = compiled.get(key);
      if (!found) {
        found = options.expressions.compile(source, expect);
        compiled.set(key, found);
      }
      return found;
    },
  };
}
