import { NumberFieldElement } from '../number/number-element.ts';

/** `<tessera-field-money>`: typed as plain decimal text, shown read-only with its currency. */
export class MoneyFieldElement extends NumberFieldElement {}
