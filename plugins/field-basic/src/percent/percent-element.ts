import { NumberFieldElement } from '../number/number-element.ts';

/** `<tessera-field-percent>`: "12.5" or "12.5%" typed; the type strips the sign. */
export class PercentFieldElement extends NumberFieldElement {}
