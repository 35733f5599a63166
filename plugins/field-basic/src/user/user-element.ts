import { type PickerChoice, PickerFieldElement } from '../shared/picker-element.ts';

/** `<tessera-field-user>`: picks people through the form's injected `searchUsers(text)`. */
export class UserFieldElement extends PickerFieldElement {
  protected override async search(text: string): Promise<readonly PickerChoice[]> {
    const found = (await this.services?.searchUsers?.(text)) ?? [];
    return found.map((one) => ({ id: one.id, title: one.name }));
  }
}
