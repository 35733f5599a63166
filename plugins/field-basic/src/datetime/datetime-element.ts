import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import type { TemplateResult } from 'lit';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `<tessera-field-datetime>`: `datetime-local` shows the viewer's local time; the stored value
 * is an ISO instant (the type's `parseInput` reads local input as local time).
 */
export class DatetimeFieldElement extends TesseraFieldElement {
  protected override editText(): string {
    const value = this.value;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) return '';
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  protected override renderInput(state: FieldState): TemplateResult {
    return this.renderTextInput(state, 'datetime-local');
  }
}
