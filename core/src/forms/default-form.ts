import type { AppDefinition } from '../model/app.ts';
import type { FormDefinition } from '../model/form.ts';

/**
 * The form a table's records are created and edited through outside a flow (the data pages,
 * imports, the API): the app's first form of that table, undefined when it has none. A flow's
 * records use the flow's own form, and a public form its own.
 */
export function defaultForm(app: AppDefinition, tableId: string): FormDefinition | undefined {
  return app.forms?.find((form) => form.table === tableId);
}
