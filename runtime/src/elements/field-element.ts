import { type FieldDefinition, type FieldTypeDefinition, localize } from '@tessera/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { FormRuntime } from '../forms/form-runtime-api.ts';
import type { FieldState } from '../forms/form-types.ts';
import { fieldStyles } from './field-styles.ts';
import type { FormServices } from './form-services.ts';
import { type FormTextKey, formText, rowText } from './form-texts.ts';
import { TrackedElement } from './tracked-element.ts';

/** An id usable in `for` and `aria-describedby` for a dotted path (`lines.0.price`). */
export const idOf = (path: string) => `f-${path.replaceAll('.', '-')}`;

/**
 * The base of every field renderer: label with the required mark, the type's input (from
 * `renderInput`), read-only text through the type's `format`, and the field's messages tied to
 * the input with `aria-describedby` / `aria-invalid`. Values go through the runtime only.
 */
export class TesseraFieldElement extends TrackedElement {
  static override properties = {
    runtime: { attribute: false },
    path: { type: String },
    services: { attribute: false },
    compact: { type: Boolean, reflect: true },
  };
  static override styles = [fieldStyles];

  declare runtime: FormRuntime;
  /** The field's dotted path: `amount`, or `lines.0.price` for a cell. */
  declare path: string;
  declare services: FormServices | undefined;
  /** Inside a sub-table row: the label is only for assistive technology and names the row. */
  declare compact: boolean;
  /** Text the user typed that the field type could not read (shown until corrected). */
  protected draft: string | undefined;

  get field(): FieldDefinition {
    const field = this.runtime.fieldAt(this.path);
    if (!field) throw new RangeError(`no field at "${this.path}"`);
    return field;
  }
  /** The field as its type's hooks expect it: `config` always present. */
  protected get typedField(): never {
    return { ...this.field, config: this.field.config ?? {} } as never;
  }
  get type(): FieldTypeDefinition | undefined {
    return this.runtime.fieldType(this.field);
  }
  get value(): unknown {
    return this.runtime.valueAt(this.path);
  }
  get state(): FieldState {
    return this.runtime.fieldState(this.path);
  }
  get inputId(): string {
    return idOf(this.path);
  }
  get errorId(): string {
    return `${this.inputId}-error`;
  }
  get label(): string {
    const label = localize(this.field.label, this.runtime.locale, this.field.id);
    const row = this.path.split('.')[1];
    return this.compact && row !== undefined
      ? `${label}, ${rowText(Number(row), this.runtime.locale)}`
      : label;
  }
  protected text(key: FormTextKey): string {
    return formText(key, this.runtime.locale);
  }
  /** `aria-describedby` for the input: the message, when there is one. */
  protected describedBy(state: FieldState): string | typeof nothing {
    return state.errors.length > 0 ? this.errorId : nothing;
  }
  protected invalid(state: FieldState): 'true' | 'false' {
    return state.errors.length > 0 ? 'true' : 'false';
  }
  /** The value as read-only text, by the field type's `format`. */
  protected formatted(value = this.value): string {
    if (value === undefined || value === null) return '';
    return this.type?.form.format(value, this.typedField, this.runtime.locale) ?? String(value);
  }

  protected commit(value: unknown): void {
    this.draft = undefined;
    this.runtime.setInputIssue(this.path, undefined);
    this.runtime.setValue(this.path, value);
  }

  /**
   * Reads typed text with the type's `parseInput`. While typing (`typing`) the text stays as
   * typed; unreadable text stays shown with its issue until corrected.
   */
  protected commitText(text: string, typing = false): void {
    const parse = this.type?.form.parseInput;
    const parsed = parse ? parse(text, this.typedField) : { value: text === '' ? undefined : text };
    if ('issue' in parsed) {
      this.draft = text;
      this.runtime.setValue(this.path, undefined);
      this.runtime.setInputIssue(this.path, parsed.issue);
      return;
    }
    this.commit(parsed.value);
    if (typing) this.draft = text;
  }

  /** The value as an input edits it (raw, unformatted: `1234.5`, not `¥1,234.50`). */
  protected editText(): string {
    const value = this.value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }

  protected readonly onTextInput = (event: Event) =>
    this.commitText((event.target as HTMLInputElement).value, true);
  protected readonly onTextChange = (event: Event) => {
    this.draft = undefined;
    this.commitText((event.target as HTMLInputElement).value);
    this.requestUpdate();
  };

  /** A text-like `<input>` wired to the type's parsing, with the accessibility attributes. */
  protected renderTextInput(state: FieldState, type = 'text', inputmode?: string): TemplateResult {
    return html`<input
      id=${this.inputId}
      type=${type}
      inputmode=${inputmode ?? nothing}
      aria-invalid=${this.invalid(state)}
      aria-describedby=${this.describedBy(state)}
      aria-required=${state.required ? 'true' : 'false'}
      .value=${this.draft ?? this.editText()}
      @input=${this.onTextInput}
      @change=${this.onTextChange}
    />`;
  }

  /** Moves focus to the input (after a failed submit); `_path` names a part (a cell) to focus. */
  focusInput(_path?: string): void {
    const target = this.renderRoot.querySelector<HTMLElement>(`#${this.inputId}`);
    target?.focus();
  }

  /** The editable control; `id`, `aria-invalid` and `aria-describedby` must be set on it. */
  protected renderInput(state: FieldState): TemplateResult {
    return this.renderTextInput(state);
  }

  /** Read-only display: the formatted value, labelled by the field's label. */
  protected renderReadOnly(_state: FieldState): TemplateResult {
    return html`<output id=${this.inputId} tabindex="-1">${this.formatted()}</output>`;
  }

  protected override render() {
    if (!this.runtime || this.runtime.disposed || !this.path) return nothing;
    const state = this.state;
    this.hidden = !state.visible;
    if (!state.visible) return nothing;
    return html`<div class="field">
      <label for=${this.inputId} id="${this.inputId}-label" class=${this.compact ? 'visually-hidden' : ''}
        >${this.label}${
          state.required
            ? html`<span class="required" title=${this.text('required')}>*</span>`
            : nothing
        }</label
      >
      ${state.readOnly ? this.renderReadOnly(state) : this.renderInput(state)}
      ${
        state.errors.length > 0
          ? html`<div id=${this.errorId} class="error">${state.errors.join(' ')}</div>`
          : nothing
      }
    </div>`;
  }
}
