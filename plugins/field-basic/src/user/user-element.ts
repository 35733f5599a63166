import { type PickerChoice, PickerFieldElement } from '../shared/picker-element.ts';

/** `<tessera-field-user>`: picks people through the form's injected `searchUsers(text)`. */
export class UserFieldElement extends PickerFieldElement {
  protected override async search(text: string): Promise<readonly PickerChoice[]> {
    const found = (await this.services?.searchUsers?.(text)) ?? [];
    return found.map((one) => ({ id: one.id, title: one.name }));
  }

  override updated(): void {
    // names of people chosen before this page (a default, a stored value): ask once per id
    for (const id of this.ids()) {
      if (this.titles.has(id) || !this.services?.userName) continue;
      this.titles.set(id, id);
      void this.services.userName(id).then((name) => {
        if (name === undefined) return;
        this.titles.set(id, name);
        this.requestUpdate();
      });
    }
  }
}
