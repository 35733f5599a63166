import { type Locale, localize } from '@tessera/core';
import { html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { approvalsNeededText } from '../flow/approvals-needed.ts';
import {
  type Dagre,
  type DiagramLayout,
  type DiagramNodeState,
  type DiagramNodeType,
  type FlowDiagram,
  hasPositions,
  layoutDiagram,
  type PlacedEdge,
  type PlacedNode,
  type Point,
} from './diagram-layout.ts';
import { LINE_HEIGHT } from './diagram-text.ts';
import { flowDiagramStyles } from './flow-diagram-styles.ts';
import { flowText } from './flow-texts.ts';

/** Node types by id: a platform's `nodeTypes` registry fits. */
export interface DiagramNodeTypes {
  get(type: string): DiagramNodeType | undefined;
}

let dagreModule: Promise<Dagre> | undefined;
/** dagre comes in its own chunk, the first time a diagram without positions is drawn. */
const loadDagre = (): Promise<Dagre> => {
  dagreModule ??= import('@dagrejs/dagre');
  return dagreModule;
};

/** A smooth path through the points: straight ends, rounded bends. */
function pathOf(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const round = (value: number) => Math.round(value * 10) / 10;
  let d = `M${round(first.x)},${round(first.y)}`;
  rest.forEach((point, index) => {
    const next = rest[index + 1];
    if (!next) {
      d += ` L${round(point.x)},${round(point.y)}`;
      return;
    }
    const mid = { x: (point.x + next.x) / 2, y: (point.y + next.y) / 2 };
    d += ` Q${round(point.x)},${round(point.y)} ${round(mid.x)},${round(mid.y)}`;
  });
  return d;
}

const ARROW = 'M0,0 L10,5 L0,10 z';

/**
 * `<tessera-flow-diagram>`: the read-only diagram of a flow item (`diagram` from
 * `GET /api/flow-items/{id}`), laid out top to bottom, with each node's state. Pass a
 * platform's `nodeTypes` for the nodes' shapes; without it start, end and gateways are
 * guessed from the edges.
 */
export class TesseraFlowDiagram extends LitElement {
  static override properties = {
    diagram: { attribute: false },
    locale: { type: String },
    nodeTypes: { attribute: false },
    layout: { state: true },
    failed: { state: true },
  };
  static override styles = flowDiagramStyles;

  declare diagram: FlowDiagram | undefined;
  declare locale: Locale | undefined;
  declare nodeTypes: DiagramNodeTypes | undefined;
  declare layout: DiagramLayout | undefined;
  declare failed: boolean;
  /** The layout being computed, so `updateComplete` waits for it. */
  private pending: Promise<void> | undefined;
  private ticket = 0;

  constructor() {
    super();
    this.failed = false;
  }

  private get inLocale(): Locale {
    return this.locale ?? 'zh-CN';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('diagram') || changed.has('locale') || changed.has('nodeTypes')) {
      this.relayout();
    }
  }

  private relayout() {
    const { diagram, nodeTypes } = this;
    const ticket = ++this.ticket;
    this.failed = false;
    if (!diagram) {
      this.layout = undefined;
      return;
    }
    const options = {
      locale: this.inLocale,
      ...(nodeTypes ? { nodeType: (type: string) => nodeTypes.get(type) } : {}),
    };
    if (hasPositions(diagram)) {
      this.layout = layoutDiagram(diagram, undefined, options);
      return;
    }
    const run = loadDagre()
      .then((dagre) => {
        if (ticket === this.ticket) this.layout = layoutDiagram(diagram, dagre, options);
      })
      .catch((error: unknown) => {
        if (ticket !== this.ticket) return;
        this.failed = true;
        console.error('tessera-flow-diagram: layout failed', error);
      })
      .finally(() => {
        if (this.pending === run) this.pending = undefined;
      });
    this.pending = run;
  }

  /** Also waits for a layout in progress (dagre loads on first use). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.pending) {
      await this.pending;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** "Flow diagram. Current step: Manager approval" — or finished, or not started. */
  private summary(): string {
    const locale = this.inLocale;
    const nodes = this.placedInOrder();
    const active = nodes.filter((one) => one.node.state === 'active').map((one) => one.text);
    const separator = locale === 'zh-CN' ? '、' : ', ';
    const colon = locale === 'zh-CN' ? '：' : ': ';
    const stop = locale === 'zh-CN' ? '。' : '. ';
    let where: string;
    if (active.length > 0)
      where = `${flowText('current', locale)}${colon}${active.join(separator)}`;
    else if (nodes.some((one) => one.shape === 'end' && one.node.state === 'done'))
      where = flowText('finished', locale);
    else if (nodes.every((one) => one.node.state === 'pending'))
      where = flowText('notStarted', locale);
    else return flowText('diagram', locale);
    return `${flowText('diagram', locale)}${stop}${where}`;
  }

  /** Top to bottom, left to right: the order a reader of the list meets the steps in. */
  private placedInOrder(): readonly PlacedNode[] {
    const nodes = this.layout?.nodes ?? [];
    return [...nodes].sort((a, b) => a.y - b.y || a.x - b.x);
  }

  private renderFigure(one: PlacedNode) {
    const { x, y, width, height } = one;
    if (one.shape === 'start' || one.shape === 'end') {
      const r = width / 2;
      return svg`<circle class="shape" cx=${x} cy=${y} r=${r}></circle>
        ${one.shape === 'end' ? svg`<circle class="ring" cx=${x} cy=${y} r=${r - 5}></circle>` : nothing}`;
    }
    if (one.shape === 'step') {
      return svg`<rect class="shape" x=${x - width / 2} y=${y - height / 2} width=${width}
        height=${height} rx="8" ry="8"></rect>`;
    }
    const w = width / 2;
    const h = height / 2;
    const m = w * 0.36;
    const mark =
      one.shape === 'exclusive'
        ? `M${x - m * 0.75},${y - m * 0.75} L${x + m * 0.75},${y + m * 0.75} M${x + m * 0.75},${y - m * 0.75} L${x - m * 0.75},${y + m * 0.75}`
        : `M${x - m},${y} L${x + m},${y} M${x},${y - m} L${x},${y + m}`;
    return svg`<polygon class="shape" points="${x},${y - h} ${x + w},${y} ${x},${y + h} ${x - w},${y}"></polygon>
      <path class="mark" d=${mark}></path>`;
  }

  private renderLabel(one: PlacedNode) {
    if (one.labelOutside) {
      const [line = ''] = one.lines;
      return svg`<text class="label" x=${one.x + one.width / 2 + 8} y=${one.y}>${line}</text>`;
    }
    const rows = [...one.lines, ...one.noteLines];
    const top = one.y - ((rows.length - 1) * LINE_HEIGHT) / 2;
    return svg`<text class="label" text-anchor="middle">${rows.map(
      (line, index) => svg`<tspan class=${index < one.lines.length ? 'line' : 'note'} x=${one.x}
        y=${top + index * LINE_HEIGHT}>${line}</tspan>`,
    )}</text>`;
  }

  /** The label, and the note when there is one: "法务会签，至少 2 / 3 人同意". */
  private described(text: string, note: string | undefined): string {
    if (!note) return text;
    return `${text}${this.inLocale === 'zh-CN' ? '，' : ', '}${note}`;
  }

  private renderNode(one: PlacedNode) {
    const { state } = one.node;
    return svg`<g class="node ${state} ${one.shape}" data-node=${one.node.id}
        aria-current=${state === 'active' ? 'step' : nothing}>
      <title>${this.described(one.text, one.note)} (${flowText(state, this.inLocale)})</title>
      ${this.renderFigure(one)}${this.renderLabel(one)}
    </g>`;
  }

  private renderEdge(one: PlacedEdge) {
    const taken = one.edge.taken ? 'taken' : '';
    return svg`<path class="edge ${taken}" data-edge=${one.edge.id} d=${pathOf(one.points)}
      marker-end=${one.edge.taken ? 'url(#arrow-taken)' : 'url(#arrow)'}></path>`;
  }

  private renderSvg(layout: DiagramLayout) {
    const marker = (id: string, taken: boolean) =>
      svg`<marker id=${id} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8"
        markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
        <path class="arrowhead ${taken ? 'taken' : ''}" d=${ARROW}></path></marker>`;
    return html`<svg role="img" aria-label=${this.summary()} viewBox="0 0 ${layout.width} ${layout.height}"
      width=${layout.width} height=${layout.height} xmlns="http://www.w3.org/2000/svg">
      <defs>${marker('arrow', false)}${marker('arrow-taken', true)}</defs>
      <g class="edges">${layout.edges.map((one) => this.renderEdge(one))}</g>
      <g class="nodes">${layout.nodes.map((one) => this.renderNode(one))}</g>
    </svg>`;
  }

  /** The steps for the list: laid out in reading order, else as the diagram lists them. */
  private steps(): { id: string; text: string; state: DiagramNodeState }[] {
    const locale = this.inLocale;
    if (this.layout && !this.failed) {
      return this.placedInOrder().map((one) => ({
        id: one.node.id,
        text: this.described(one.text, one.note),
        state: one.node.state,
      }));
    }
    return (this.diagram?.nodes ?? []).map((node) => ({
      id: node.id,
      text: this.described(
        localize(node.label ?? this.nodeTypes?.get(node.type)?.label, locale, node.id),
        node.needed && approvalsNeededText(node.needed.atLeast, node.needed.of)[locale],
      ),
      state: node.state,
    }));
  }

  protected override render() {
    const locale = this.inLocale;
    const { layout, failed } = this;
    if (!this.diagram) return nothing;
    return html`<div class="scroll">
        ${layout && !failed ? this.renderSvg(layout) : nothing}
        ${!layout && !failed ? html`<p class="loading">${flowText('loading', locale)}</p>` : nothing}
      </div>
      <ol class="steps ${failed ? '' : 'visually-hidden'}" aria-label=${flowText('steps', locale)}>
        ${this.steps().map(
          (one) => html`<li aria-current=${one.state === 'active' ? 'step' : nothing}>
            ${one.text}: ${flowText(one.state, locale)}</li>`,
        )}
      </ol>`;
  }
}
