import { type PickerChoice, PickerFieldElement } from '../shared/picker-element.ts';

/** `<tessera-field-department>`: picks departments through `searchDepartments(text)`. */
export class DepartmentFieldElement extends PickerFieldElement {
  protected override async search(text: string): Promise<readonly PickerChoice[]> {
    const found = (await this.services?.searchDepartments?.(text)) ?? [];
    return found.map((one) => ({ id: one.id, title: one.name }));
  }
}
