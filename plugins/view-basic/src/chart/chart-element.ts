import type { ViewElementData } from '@tessera/core';
import type { EChartsType } from 'echarts/core';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { viewText } from '../shared/view-texts.ts';
import { chartOption } from './chart-option.ts';

/**
 * `<tessera-view-chart>`: a chart view's summary drawn with ECharts, which is loaded on first
 * use. It redraws when the summary changes and follows the size of its box.
 */
export class ChartViewElement extends LitElement {
  static override properties = { data: { attribute: false }, problem: { state: true } };
  static override styles = css`
    :host { display: block; }
    h2 { margin: 0 0 0.75rem; font-size: 1.1rem; }
    .chart { width: 100%; height: 22rem; }
    .error { color: var(--tessera-danger, #b42318); }
    @media (max-width: 40rem) { .chart { height: 18rem; } }
  `;
  declare data: ViewElementData | undefined;
  declare problem: string | undefined;
  private chart: EChartsType | undefined;
  private resizer: ResizeObserver | undefined;
  /** What was drawn last: the page hands new data on every change of its own state. */
  private drawn: unknown[] = [];

  override render() {
    if (!this.data) return html``;
    const title = viewText(this.data.locale, 'chart');
    return html`<h2>${title}</h2>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}
      <div class="chart" role="img" aria-label=${`${title}: ${this.data.view.label}`}></div>`;
  }

  protected override async updated(changed: PropertyValues<this>) {
    const data = this.data;
    if (!changed.has('data') || !data?.summary) return;
    const drawing = [data.summary, data.view, data.locale];
    if (drawing.every((one, index) => one === this.drawn[index])) return;
    this.drawn = drawing;
    try {
      const { chartLibrary } = await import('./echarts-setup.ts');
      const box = this.renderRoot.querySelector<HTMLDivElement>('.chart');
      if (!box || !this.isConnected) return;
      this.chart ??= chartLibrary().init(box, undefined, { renderer: 'canvas' });
      this.chart.setOption(
        chartOption({ view: data.view, summary: data.summary }, { empty: '—' }) as never,
        { notMerge: true },
      );
      this.resizer ??= new ResizeObserver(() => this.chart?.resize());
      this.resizer.observe(box);
    } catch (error) {
      this.problem = String(error);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.resizer = undefined;
    this.chart?.dispose();
    this.chart = undefined;
    this.drawn = [];
  }
}
