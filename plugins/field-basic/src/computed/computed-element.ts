import { TesseraFieldElement } from '@tessera/runtime/elements';

/**
 * `<tessera-field-computed>`: always read-only (the type is derived, so the runtime says so);
 * the value is recomputed by the form runtime as the inputs change and again by the server.
 */
export class ComputedFieldElement extends TesseraFieldElement {}
