import { type Locale, type LocalizedText, localize, type NodeShape } from '@tessera/core';
import { approvalsNeededText } from '../flow/approvals-needed.ts';
import { clipToFigure, figureOf, type NodeFigure, type Point } from './diagram-shapes.ts';

export type { Point } from './diagram-shapes.ts';

export type DiagramNodeState = 'done' | 'active' | 'pending';

/** A node as `GET /api/flow-items/{id}` sends it in `diagram.nodes`. */
export interface DiagramNode {
  readonly id: string;
  readonly type: string;
  readonly label?: LocalizedText;
  readonly state: DiagramNodeState;
  /** The node's centre as the designer placed it; used when every node has one. */
  readonly position?: Point;
  /** The node type's shape, when the sender knows it (else looked up or guessed). */
  readonly shape?: NodeShape;
  /** A node people vote on (会签): at least `atLeast` of the `of` people it reached approve. */
  readonly needed?: { readonly atLeast: number; readonly of: number };
}

export interface DiagramEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly taken: boolean;
}

/** The read-only diagram of one flow item: its nodes with their states and its edges. */
export interface FlowDiagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** What the diagram needs to know of a node type (a core `NodeTypeDefinition` fits). */
export interface DiagramNodeType {
  readonly shape: NodeShape;
  readonly label?: LocalizedText;
}

export interface DiagramLayoutOptions {
  readonly locale?: Locale;
  /** Shapes and fallback labels by node type, e.g. `(type) => platform.nodeTypes.get(type)`. */
  readonly nodeType?: (type: string) => DiagramNodeType | undefined;
}

export interface PlacedNode extends NodeFigure {
  readonly node: DiagramNode;
  readonly shape: NodeShape;
  /** The whole localized label (lines may be cut). */
  readonly text: string;
  /** The whole note under the label, e.g. "at least 2 of 3 approve". */
  readonly note?: string;
  /** The centre. */
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge {
  readonly edge: DiagramEdge;
  /** From the outline of the source to the outline of the target. */
  readonly points: readonly Point[];
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** The part of `@dagrejs/dagre` the layout uses (pass the module, loaded however suits). */
export type Dagre = Pick<typeof import('@dagrejs/dagre'), 'graphlib' | 'layout'>;

const MARGIN = 16;
const SPACING = { nodesep: 32, ranksep: 44, edgesep: 16 } as const;

/** Without type information: a node nothing enters starts, one nothing leaves ends. */
function guessShape(node: DiagramNode, diagram: FlowDiagram): NodeShape {
  const incoming = diagram.edges.filter((edge) => edge.to === node.id).length;
  const outgoing = diagram.edges.filter((edge) => edge.from === node.id).length;
  if (incoming === 0) return 'start';
  if (outgoing === 0) return 'end';
  return outgoing > 1 ? 'exclusive' : 'step';
}

function unplaced(diagram: FlowDiagram, options: DiagramLayoutOptions) {
  const locale = options.locale ?? 'zh-CN';
  return diagram.nodes.map((node) => {
    const type = options.nodeType?.(node.type);
    const shape = node.shape ?? type?.shape ?? guessShape(node, diagram);
    const text = localize(node.label ?? type?.label, locale, node.id);
    // circles and diamonds speak for themselves: only a label of the node's own goes beside them
    const drawn = shape === 'step' ? text : localize(node.label, locale);
    const note = node.needed
      ? approvalsNeededText(node.needed.atLeast, node.needed.of)[locale]
      : undefined;
    return { node, shape, text, ...(note ? { note } : {}), ...figureOf(shape, drawn, note) };
  });
}

type Unplaced = ReturnType<typeof unplaced>[number];

/** Moves everything so the leftmost and topmost boxes sit at the margin. */
function framed(nodes: readonly PlacedNode[], edges: readonly PlacedEdge[]): DiagramLayout {
  if (nodes.length === 0) return { width: 2 * MARGIN, height: 2 * MARGIN, nodes, edges };
  const left = Math.min(...nodes.map((one) => one.x - one.boxWidth / 2));
  const top = Math.min(...nodes.map((one) => one.y - one.boxHeight / 2));
  const right = Math.max(...nodes.map((one) => one.x + one.boxWidth / 2));
  const bottom = Math.max(...nodes.map((one) => one.y + one.boxHeight / 2));
  const dx = MARGIN - left;
  const dy = MARGIN - top;
  const shift = (point: Point) => ({ x: point.x + dx, y: point.y + dy });
  return {
    width: Math.ceil(right - left + 2 * MARGIN),
    height: Math.ceil(bottom - top + 2 * MARGIN),
    nodes: nodes.map((one) => ({ ...one, ...shift(one) })),
    edges: edges.map((one) => ({ ...one, points: one.points.map(shift) })),
  };
}

/** Replaces a route's ends with where it crosses the two figures' outlines. */
function clipped(from: PlacedNode, to: PlacedNode, bends: readonly Point[]): Point[] {
  const first = bends[0] ?? to;
  const last = bends.at(-1) ?? from;
  return [
    clipToFigure(from.shape, from, from, first),
    ...bends,
    clipToFigure(to.shape, to, to, last),
  ];
}

function routed(edges: readonly DiagramEdge[], nodes: readonly PlacedNode[], bendsOf: BendsOf) {
  const byId = new Map(nodes.map((one) => [one.node.id, one]));
  const placed: PlacedEdge[] = [];
  for (const edge of edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (from && to && from !== to) placed.push({ edge, points: clipped(from, to, bendsOf(edge)) });
  }
  return placed;
}

type BendsOf = (edge: DiagramEdge) => readonly Point[];

function layered(diagram: FlowDiagram, figures: readonly Unplaced[], dagre: Dagre) {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', ...SPACING, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const one of figures) {
    graph.setNode(one.node.id, { width: one.boxWidth, height: one.boxHeight });
  }
  const known = new Set(figures.map((one) => one.node.id));
  for (const edge of diagram.edges) {
    if (known.has(edge.from) && known.has(edge.to) && edge.from !== edge.to) {
      graph.setEdge(edge.from, edge.to, {}, edge.id);
    }
  }
  dagre.layout(graph);
  const nodes = figures.map((one) => {
    const { x = 0, y = 0 } = graph.node(one.node.id) ?? {};
    return { ...one, x, y };
  });
  const bendsOf: BendsOf = (edge) => {
    const points = graph.edge({ v: edge.from, w: edge.to, name: edge.id })?.points ?? [];
    return points.slice(1, -1);
  };
  return framed(nodes, routed(diagram.edges, nodes, bendsOf));
}

/**
 * Places a flow diagram top to bottom: at the designer's positions when every node has one,
 * else by `dagre`'s layered layout (needed only then). Coordinates are in pixels from the
 * top-left corner; node `x`/`y` are centres. Pure: the same input gives the same layout.
 */
export function layoutDiagram(
  diagram: FlowDiagram,
  dagre?: Dagre,
  options: DiagramLayoutOptions = {},
): DiagramLayout {
  const figures = unplaced(diagram, options);
  if (figures.every((one) => one.node.position)) {
    const nodes = figures.map((one) => ({ ...one, ...one.node.position! }));
    return framed(
      nodes,
      routed(diagram.edges, nodes, () => []),
    );
  }
  if (!dagre) throw new Error('layoutDiagram needs dagre when a node has no position');
  return layered(diagram, figures, dagre);
}

/** Whether the diagram can be placed without dagre (so it need not be loaded). */
export const hasPositions = (diagram: FlowDiagram): boolean =>
  diagram.nodes.every((node) => node.position);
