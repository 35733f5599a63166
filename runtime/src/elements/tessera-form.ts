import {
  type AppDefinition,
  type FormDefinition,
  type FormSection,
  type Issue,
  type Locale,
  localize,
  type Platform,
} from '@tessera/core';
import { css, html, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { createFormRuntime } from '../forms/form-runtime.ts';
import type { FormRuntime } from '../forms/form-runtime-api.ts';
import type { FormValues } from '../forms/form-types.ts';
import { cssProperties } from './css-properties.ts';
import type { TesseraFieldElement } from './field-element.ts';
import { tabGroups } from './form-layout.ts';
import type { FormServices } from './form-services.ts';
import { formText, rowText } from './form-texts.ts';
import { TrackedElement } from './tracked-element.ts';

/** Tags come from plugin definitions; only plain custom-element names reach the template. */
const TAG = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;
const FALLBACK = 'tessera-field-plain';

/**
 * `<tessera-form>`: lays out a form definition's sections (tabs, columns, spans) with one
 * element per field, the tag its field type names. Submit validates; when valid it dispatches
 * `tessera-submit` with `detail.values`, else it lists the problems and focuses the first one.
 */
export class TesseraForm extends TrackedElement {
  static override properties = {
    runtime: { attribute: false },
    platform: { attribute: false },
    app: { attribute: false },
    form: { attribute: false },
    node: { type: String },
    readonly: { type: Boolean },
    noSubmit: { type: Boolean, attribute: 'no-submit' },
    values: { attribute: false },
    locale: { type: String },
    services: { attribute: false },
    activeTab: { state: true },
  };
  static override styles = css`
    :host { display: block; }
    .section { display: grid; gap: 1rem; grid-template-columns: repeat(var(--columns, 1), minmax(0, 1fr)); margin-block-end: 1.5rem; border: 0; padding: 0; min-width: 0; }
    .section > * { grid-column: span var(--span, 1); min-width: 0; }
    /* a phone gets one column whatever the layout asks for */
    @media (max-width: 40rem) {
      .section { grid-template-columns: minmax(0, 1fr); }
      .section > * { grid-column: auto; }
    }
    .section > legend { font-size: 1.125rem; font-weight: 600; margin-block-end: 0.5rem; }
    [role='tablist'] { display: flex; gap: 0.5rem; margin-block-end: 1rem; }
    [role='tab'][aria-selected='true'] { font-weight: 600; border-bottom: 2px solid currentColor; }
    .problems { color: #b42318; }
  `;

  declare runtime: FormRuntime | undefined;
  declare platform: Platform | undefined;
  declare app: AppDefinition | undefined;
  declare form: FormDefinition | undefined;
  declare node: string | undefined;
  /** Without a node: every field read-only (an item seen by someone with no task on it). */
  declare readonly: boolean | undefined;
  /** The page shows its own buttons (submit, save draft, approve …) and calls `submit()`. */
  declare noSubmit: boolean | undefined;
  declare values: FormValues | undefined;
  declare locale: Locale | undefined;
  declare services: FormServices | undefined;
  declare activeTab: string;
  /** A runtime this element created from its parts, so disposes itself. */
  private owned: FormRuntime | undefined;
  private showProblems = false;

  private get active(): FormRuntime | undefined {
    return this.runtime ?? this.owned;
  }

  /** Builds the runtime from its parts outside the render's tracking (it reads formily state). */
  protected override willUpdate(): void {
    const { platform, app, form } = this;
    if (this.runtime || !platform || !app || !form) return;
    if (this.owned?.definition !== form || this.owned.disposed) {
      this.owned?.dispose();
      this.owned = createFormRuntime({
        platform,
        app,
        form,
        locale: this.locale ?? 'zh-CN',
        ...(this.node ? { node: this.node } : {}),
        ...(this.readonly && !this.node ? { fallbackRight: 'read' as const } : {}),
        ...(this.values ? { values: this.values } : {}),
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // after the children's own disconnect (a queued render must not read destroyed fields)
    queueMicrotask(() => {
      if (this.isConnected || !this.owned) return;
      this.owned.dispose();
      this.owned = undefined;
    });
  }

  /** Validates; dispatches `tessera-submit` once when valid; returns whether it was sent. */
  async submit(): Promise<boolean> {
    const runtime = this.active;
    if (!runtime) return false;
    const issues = runtime.validate();
    this.showProblems = issues.length > 0;
    this.requestUpdate();
    if (issues.length === 0) {
      const values = runtime.submitValues();
      this.dispatchEvent(
        new CustomEvent('tessera-submit', { detail: { values }, bubbles: true, composed: true }),
      );
      return true;
    }
    await this.focusIssue(runtime, issues[0]?.path ?? '');
    return false;
  }

  /** Shows the tab holding the field at `pointer` and focuses its input. */
  private async focusIssue(runtime: FormRuntime, pointer: string) {
    const id = pointer.split('/')[1] ?? '';
    const group = tabGroups(runtime.sections()).find((one) =>
      one.sections.some((section) =>
        section.items.some((item) => 'field' in item && item.field === id),
      ),
    );
    if (group?.tab !== undefined && group.key !== this.activeTab) this.activeTab = group.key;
    await this.updateComplete;
    const element = this.renderRoot.querySelector<TesseraFieldElement>(`[path="${id}"]`);
    await element?.updateComplete;
    element?.focusInput(pointer.split('/').slice(1).join('.'));
  }

  /** "Title: at most 10 characters": the field's label before a message that may lack it. */
  private problemText(runtime: FormRuntime, found: Issue): string {
    const path = found.path.split('/').slice(1).join('.');
    const field = runtime.fieldAt(path);
    const message = found.message[runtime.locale];
    if (!field) return message;
    const label = localize(field.label, runtime.locale, field.id);
    const row = path.split('.')[1];
    const where =
      row !== undefined && /^\d+$/.test(row)
        ? `${label} (${rowText(Number(row), runtime.locale)})`
        : label;
    return message.includes(label) ? message : `${where}: ${message}`;
  }

  private renderSection(runtime: FormRuntime, section: FormSection) {
    runtime.ensureSection(section.id);
    const locale = runtime.locale;
    const label = section.label === undefined ? undefined : localize(section.label, locale);
    return html`<fieldset class="section" ${cssProperties({ '--columns': section.columns ?? 1 })}>
      ${label ? html`<legend>${label}</legend>` : nothing}
      ${section.items.map((item) => {
        const span = cssProperties({ '--span': Math.min(item.span ?? 1, section.columns ?? 1) });
        if (!('field' in item)) return html`<p ${span}>${localize(item.text, locale)}</p>`;
        const field = runtime.fieldAt(item.field);
        if (!field || runtime.fieldState(item.field).right === 'hidden') return nothing;
        const named = runtime.fieldType(field)?.form.element ?? FALLBACK;
        const tag = TAG.test(named) && customElements.get(named) ? named : FALLBACK;
        return staticHtml`<${unsafeStatic(tag)} ${span} path=${item.field}
          .runtime=${runtime} .services=${this.services}></${unsafeStatic(tag)}>`;
      })}
    </fieldset>`;
  }

  protected override render() {
    const runtime = this.active;
    if (!runtime || runtime.disposed) return nothing;
    const locale = runtime.locale;
    const groups = tabGroups(runtime.sections());
    const [untabbed, ...tabs] = groups;
    const active = tabs.find((one) => one.key === this.activeTab) ?? tabs[0];
    const issues = this.showProblems ? runtime.issues() : [];
    return html`<form novalidate @submit=${(event: Event) => {
      event.preventDefault();
      void this.submit();
    }}>
      ${untabbed?.sections.map((section) => this.renderSection(runtime, section))}
      ${
        tabs.length > 0
          ? html`<div role="tablist">
              ${tabs.map(
                (
                  tab,
                ) => html`<button type="button" role="tab" aria-selected=${tab === active ? 'true' : 'false'}
                  @click=${() => {
                    this.activeTab = tab.key;
                  }}>${localize(tab.tab ?? '', locale)}</button>`,
              )}
            </div>
            <div role="tabpanel">${active?.sections.map((section) => this.renderSection(runtime, section))}</div>`
          : nothing
      }
      ${
        issues.length > 0
          ? html`<div class="problems" role="alert">
            <p>${formText('problems', locale)}</p>
            <ul>${issues.map((one) => html`<li>${this.problemText(runtime, one)}</li>`)}</ul>
          </div>`
          : nothing
      }
      ${this.noSubmit ? nothing : html`<button type="submit">${formText('submit', locale)}</button>`}
    </form>`;
  }
}
