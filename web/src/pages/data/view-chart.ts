import type { Locale } from '@tessera/core';
import type { EChartsType } from 'echarts/core';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { chartOption } from './chart-option.ts';
import { DATA_TEXTS } from './data-texts.ts';
import type { ViewDescription, ViewSummary } from './view-types.ts';

/**
 * `<tessera-view-chart>`: a chart view's summary drawn with ECharts, which is loaded on first
 * use. It redraws when the summary changes and follows the size of its box.
 */
export class ViewChart extends LitElement {
  static override properties = {
    view: { attribute: false },
    summary: { attribute: false },
    locale: {},
    problem: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .chart { width: 100%; height: 22rem; }
      @media (max-width: 40rem) { .chart { height: 18rem; } }
    `,
  ];
  declare view: ViewDescription;
  declare summary: ViewSummary;
  declare locale: Locale;
  declare problem: string | undefined;
  private chart: EChartsType | undefined;
  private resizer: ResizeObserver | undefined;

  override render() {
    const t = translator(DATA_TEXTS, this.locale);
    return html`${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}
      <div class="chart" role="img" aria-label=${`${t('chart.title')}: ${this.view.label}`}></div>`;
  }

  protected override async updated(changed: PropertyValues<this>) {
    if (!changed.has('summary') && !changed.has('view') && !changed.has('locale')) return;
    try {
      const { chartLibrary } = await import('./echarts-setup.ts');
      const box = this.renderRoot.querySelector<HTMLDivElement>('.chart');
      if (!box || !this.isConnected) return;
      this.chart ??= chartLibrary().init(box, undefined, { renderer: 'canvas' });
      this.chart.setOption(
        chartOption({ view: this.view, summary: this.summary }, { empty: '—' }) as never,
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
  }
}

if (!customElements.get('tessera-view-chart'))
  customElements.define('tessera-view-chart', ViewChart);
