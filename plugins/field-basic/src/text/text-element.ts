import { TesseraFieldElement } from '@tessera/runtime/elements';

/** `<tessera-field-text>`: one line of text; the base class's text input does all the work. */
export class TextFieldElement extends TesseraFieldElement {}
