/**
 * The Tessera side of B3/B4, bundled for Chromium: `<tessera-form>` with the basic field
 * renderers, the platform from `createPlatform({ plugins: [fieldBasic] })`.
 */
import { createPlatform } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { defineFieldElements } from '@tessera/plugin-field-basic/elements';
import type { TesseraForm } from '@tessera/runtime/elements';
import type { FormRuntime } from '@tessera/runtime/forms';
import { bigForm, fieldId } from './big-form.ts';
import { afterPaint, type BenchPage, deepQueryAll, installKeystrokeProbe } from './page-probes.ts';

const platform = createPlatform({ plugins: [fieldBasic] });
defineFieldElements();

let mounted: TesseraForm | undefined;
/** The runtime `<tessera-form>` built from its parts (a private member; read for checks only). */
const runtimeOf = (element: TesseraForm) =>
  (element as unknown as { owned: FormRuntime | undefined }).owned;

const page: BenchPage = {
  probe: installKeystrokeProbe(),
  async mount(n, options) {
    const { app, form } = bigForm(n, options);
    mounted?.remove();
    await afterPaint();
    const started = performance.now();
    const element = document.createElement('tessera-form') as TesseraForm;
    Object.assign(element, { platform, app, form, locale: 'en', noSubmit: true });
    document.body.append(element);
    mounted = element;
    await element.updateComplete;
    const fields = Array.from(element.renderRoot.querySelectorAll<TesseraForm>('[path]'));
    await Promise.all(fields.map((one) => one.updateComplete));
    const last = fields.at(-1)?.renderRoot.querySelector(`#f-${fieldId(n)}`);
    if (!last) throw new Error(`B3: the last input (#f-${fieldId(n)}) is not in the DOM`);
    await afterPaint();
    const ms = performance.now() - started;
    return {
      ms,
      inputs: deepQueryAll(element.renderRoot, 'input, select, textarea').length,
      formilyFields: runtimeOf(element)?.createdFields() ?? 0,
    };
  },
  required(k) {
    const field = mounted?.renderRoot.querySelector(`[path="${fieldId(k)}"]`);
    return Boolean(field?.shadowRoot?.querySelector('label .required'));
  },
  value(k) {
    return mounted ? runtimeOf(mounted)?.valueAt(fieldId(k)) : undefined;
  },
};
window.bench = page;
