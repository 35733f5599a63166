import { PlainFieldElement } from './plain-field-element.ts';
import { TesseraForm } from './tessera-form.ts';

export { idOf, TesseraFieldElement } from './field-element.ts';
export { fieldStyles } from './field-styles.ts';
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
