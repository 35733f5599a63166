import { LongTextFieldElement } from '../long-text/long-text-element.ts';

/**
 * `<tessera-field-rich-text>`: edited as HTML source in a textarea for now (the server
 * sanitises what is stored); read-only shows the type's plain-text `format`, never raw HTML.
 */
export class RichTextFieldElement extends LongTextFieldElement {}
