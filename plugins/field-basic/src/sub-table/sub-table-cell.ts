import type { FormServices } from '@tessera/runtime/elements';
import type { FormRuntime } from '@tessera/runtime/forms';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

const TAG = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/** A cell: its column type's element (registry lookup by tag), compact, bound to `lines.0.qty`. */
export function subTableCell(
  runtime: FormRuntime,
  path: string,
  services: FormServices | undefined,
) {
  const column = runtime.fieldAt(path);
  const named = column ? runtime.fieldType(column)?.form.element : undefined;
  const tag = named && TAG.test(named) && customElements.get(named) ? named : 'tessera-field-plain';
  return staticHtml`<${unsafeStatic(tag)} compact path=${path} .runtime=${runtime}
    .services=${services}></${unsafeStatic(tag)}>`;
}
