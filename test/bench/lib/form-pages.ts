/**
 * Builds the two pages of B3 and B4 under `.tmp/<dir>/` (git-ignored) with esbuild:
 *   - tessera.html: `<tessera-form>` (test/bench/lib/tessera-page.ts);
 *   - bare.html: the floor, written here as a plain JS entry (it imports lit and @formily/core,
 *     which the test package does not list, so it cannot be a type-checked module of it): one
 *     Lit element rendering the same labelled inputs in the same sections and grid, and
 *     formily's `createForm()` + `createField()` for every field; an input handler stores the
 *     typed value in a plain object.
 * Both pages bundle the same form generator (big-form.ts) and probes (page-probes.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePages, ROOT } from './browser.ts';

const LIB = join(ROOT, 'test', 'bench', 'lib');

const BARE_ENTRY = `
import { createForm } from '@formily/core';
import { LitElement, css, html } from 'lit';
import { benchFields, bigForm, fieldId, OPTIONS, SECTION_SIZE } from ${JSON.stringify(join(LIB, 'big-form.ts'))};
import { afterPaint, deepQueryAll, installKeystrokeProbe } from ${JSON.stringify(join(LIB, 'page-probes.ts'))};

function control(field, onInput) {
  const id = 'f-' + field.id;
  switch (field.type) {
    case 'number':
    case 'money':
      return html\`<input id=\${id} type="text" inputmode="decimal" @input=\${onInput} />\`;
    case 'date':
      return html\`<input id=\${id} type="date" @input=\${onInput} />\`;
    case 'select':
      return html\`<select id=\${id} @change=\${onInput}><option value="">Choose</option>\${OPTIONS.map(
        (value) => html\`<option value=\${value}>\${value}</option>\`,
      )}</select>\`;
    case 'long-text':
      return html\`<textarea id=\${id} rows="4" @input=\${onInput}></textarea>\`;
    default:
      return html\`<input id=\${id} type="text" @input=\${onInput} />\`;
  }
}

class BareForm extends LitElement {
  static properties = { fields: { attribute: false }, requiredIds: { attribute: false } };
  static styles = css\`
    :host { display: block; }
    .section { display: grid; gap: 1rem; grid-template-columns: repeat(2, minmax(0, 1fr)); margin-block-end: 1.5rem; border: 0; padding: 0; min-width: 0; }
    .section > legend { font-size: 1.125rem; font-weight: 600; margin-block-end: 0.5rem; }
    .field { display: grid; gap: 0.25rem; }
    input, select, textarea { font: inherit; padding: 0.375rem 0.5rem; border: 1px solid #c7c7cc; border-radius: 0.375rem; }
  \`;
  constructor() {
    super();
    this.fields = [];
    this.requiredIds = new Set();
    this.values = {};
    this.onInput = (event) => {
      const target = event.target;
      this.values[target.id.slice(2)] = target.value;
    };
  }
  render() {
    const sections = [];
    for (let start = 0; start < this.fields.length; start += SECTION_SIZE) {
      sections.push(this.fields.slice(start, start + SECTION_SIZE));
    }
    return html\`<form novalidate>\${sections.map(
      (fields, index) => html\`<fieldset class="section"><legend>Section \${index + 1}</legend>\${fields.map(
        (field) => html\`<div class="field"><label for=\${'f-' + field.id}>\${field.label}\${
          this.requiredIds.has(field.id) ? html\`<span class="required">*</span>\` : ''
        }</label>\${control(field, this.onInput)}</div>\`,
      )}</fieldset>\`,
    )}</form>\`;
  }
}
customElements.define('bare-form', BareForm);

let mounted;
let formily;
window.bench = {
  probe: installKeystrokeProbe(),
  async mount(n, options) {
    bigForm(n, options); // the same definition work as the Tessera page, outside the timing
    mounted?.remove();
    formily?.onUnmount();
    await afterPaint();
    const started = performance.now();
    const fields = benchFields(n, options);
    formily = createForm({ values: {} });
    for (const field of fields) formily.createField({ name: field.id });
    const formilyMs = performance.now() - started;
    const element = document.createElement('bare-form');
    element.fields = fields;
    document.body.append(element);
    mounted = element;
    await element.updateComplete;
    const last = element.renderRoot.querySelector('#f-' + fieldId(n));
    if (!last) throw new Error('B3: the last input is not in the DOM');
    await afterPaint();
    const ms = performance.now() - started;
    return {
      ms,
      inputs: deepQueryAll(element.renderRoot, 'input, select, textarea').length,
      formilyFields: Object.keys(formily.fields).length,
      formilyMs,
    };
  },
  required: () => false,
  value: (k) => mounted?.values[fieldId(k)],
};
`;

const HTML = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>` +
  `<style>body{font:14px system-ui,sans-serif;margin:1rem;max-width:60rem}</style>` +
  `<script type="module" src="./${script}"></script></head><body></body></html>`;

/** Writes and bundles both pages into `.tmp/<dir>/`; returns the directory to serve. */
export async function buildFormPages(dir: string): Promise<string> {
  const out = join(ROOT, '.tmp', dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const bareEntry = join(out, 'bare-entry.js');
  writeFileSync(bareEntry, BARE_ENTRY);
  await bundlePages({ tessera: join(LIB, 'tessera-page.ts'), bare: bareEntry }, out);
  writeFileSync(join(out, 'tessera.html'), HTML('tessera.js'));
  writeFileSync(join(out, 'bare.html'), HTML('bare.js'));
  return out;
}
