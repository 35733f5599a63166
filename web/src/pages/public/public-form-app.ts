import type { AppDefinition } from '@tessera/core';
import type { PublicFormView } from '@tessera/core/api';

/** The node whose rights the public form's runtime applies. */
export const PUBLIC_NODE = 'public';

/**
 * The smallest app the form runtime needs for a public form: one table of the shown fields and
 * the form, with the fields the submitter may only read marked so at the {@link PUBLIC_NODE}.
 */
export function publicFormApp(view: PublicFormView): AppDefinition {
  const read = Object.fromEntries(
    view.fields.filter((one) => one.right === 'read').map((one) => [one.id, 'read']),
  );
  const fields = view.fields.map(({ right: _right, ...field }) => field);
  return {
    schemaVersion: 1,
    id: view.app,
    label: view.label,
    tables: [{ id: view.table.id, label: view.table.label, kind: 'master', fields }],
    forms: [
      {
        ...view.form,
        table: view.table.id,
        rights: { [PUBLIC_NODE]: { default: 'edit', fields: read } },
      },
    ],
    dictionaries: [...view.dictionaries],
  } as unknown as AppDefinition;
}
