import { TesseraFlowDiagram } from './flow-diagram.ts';
import { TesseraFlowTimeline } from './flow-timeline.ts';
import { PlainFieldElement } from './plain-field-element.ts';
import { TesseraForm } from './tessera-form.ts';

export { cssProperties } from './css-properties.ts';
export {
  type Dagre,
  type DiagramEdge,
  type DiagramLayout,
  type DiagramLayoutOptions,
  type DiagramNode,
  type DiagramNodeState,
  type DiagramNodeType,
  type FlowDiagram,
  layoutDiagram,
  type PlacedEdge,
  type PlacedNode,
} from './diagram-layout.ts';
export { idOf, TesseraFieldElement } from './field-element.ts';
export { fieldStyles } from './field-styles.ts';
export { type DiagramNodeTypes, TesseraFlowDiagram } from './flow-diagram.ts';
export { ACTION_TEXTS, actionText, FLOW_TEXTS, type FlowTextKey, flowText } from './flow-texts.ts';
export { TesseraFlowTimeline, type UserNames } from './flow-timeline.ts';
export type { DirectoryChoice, FormServices, RecordChoice } from './form-services.ts';
export { FORM_TEXTS, type FormTextKey, formText, rowText } from './form-texts.ts';
export { PlainFieldElement } from './plain-field-element.ts';
export { TesseraForm } from './tessera-form.ts';
export { TrackedElement } from './tracked-element.ts';

/**
 * Defines `<tessera-form>` and its fallback field element on a page (idempotent). Defining is
 * an explicit call, not an import side effect, so importing the classes stays harmless.
 */
export function defineFormElements(registry: CustomElementRegistry = customElements): void {
  const pairs: [string, CustomElementConstructor][] = [
    ['tessera-form', TesseraForm],
    ['tessera-field-plain', PlainFieldElement],
  ];
  for (const [tag, element] of pairs) if (!registry.get(tag)) registry.define(tag, element);
}

/** Defines `<tessera-flow-diagram>` and `<tessera-flow-timeline>` on a page (idempotent). */
export function defineFlowElements(registry: CustomElementRegistry = customElements): void {
  const pairs: [string, CustomElementConstructor][] = [
    ['tessera-flow-diagram', TesseraFlowDiagram],
    ['tessera-flow-timeline', TesseraFlowTimeline],
  ];
  for (const [tag, element] of pairs) if (!registry.get(tag)) registry.define(tag, element);
}
