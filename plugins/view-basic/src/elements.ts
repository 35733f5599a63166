/**
 * Browser-only entry (`@tessera/plugin-view-basic/elements`): the elements that show the basic
 * view types. Kept apart from `index.ts`, which the server imports without a DOM.
 */
import { ChartViewElement } from './chart/chart-element.ts';
import { chartView } from './chart/chart-view.ts';
import { ListViewElement } from './list/list-element.ts';
import { listView } from './list/list-view.ts';

export { ChartViewElement } from './chart/chart-element.ts';
export { ListViewElement } from './list/list-element.ts';

/** Defines each view type's element under the tag its definition names (once per registry). */
export function defineViewElements(registry: CustomElementRegistry = customElements): void {
  const elements = [
    [listView.element, ListViewElement],
    [chartView.element, ChartViewElement],
  ] as const;
  for (const [tag, element] of elements) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}
