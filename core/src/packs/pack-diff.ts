import type { LocalizedText } from '../i18n/localized.ts';
import type { AppDefinition } from '../model/app.ts';

export type DiffPart =
  | 'table'
  | 'field'
  | 'form'
  | 'flow'
  | 'view'
  | 'role'
  | 'dictionary'
  | 'publicForm'
  | 'reminder';

/** One change between two versions of an app's definitions. */
export interface DefinitionChange {
  readonly part: DiffPart;
  /** The definition's id; a field's is `table.field`. */
  readonly id: string;
  readonly label?: LocalizedText;
  readonly change: 'added' | 'removed' | 'changed';
}

type Labelled = { readonly id: string; readonly label?: LocalizedText };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compare<T extends Labelled>(
  part: DiffPart,
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
  prefix = '',
  ignore?: (item: T) => unknown,
): DefinitionChange[] {
  const old = new Map((before ?? []).map((item) => [item.id, item]));
  const now = new Map((after ?? []).map((item) => [item.id, item]));
  const out: DefinitionChange[] = [];
  const entry = (item: T, change: DefinitionChange['change']): DefinitionChange => ({
    part,
    id: prefix + item.id,
    ...(item.label === undefined ? {} : { label: item.label }),
    change,
  });
  for (const [id, item] of now) {
    const was = old.get(id);
    if (!was) out.push(entry(item, 'added'));
    else if (!same(ignore ? ignore(was) : was, ignore ? ignore(item) : item))
      out.push(entry(item, 'changed'));
  }
  for (const [id, item] of old) if (!now.has(id)) out.push(entry(item, 'removed'));
  return out;
}

/**
 * What upgrading from `before` to `after` changes, part by part, pure: tables (a table whose
 * only change is in its fields is listed by field), fields as `table.field`, forms, flows,
 * views, roles, dictionaries, public forms and reminders.
 */
export function diffApps(before: AppDefinition, after: AppDefinition): DefinitionChange[] {
  const withoutFields = (table: AppDefinition['tables'][number]) => ({ ...table, fields: [] });
  const changes = compare('table', before.tables, after.tables, '', withoutFields);
  for (const table of after.tables) {
    const was = before.tables.find((one) => one.id === table.id);
    if (was) changes.push(...compare('field', was.fields, table.fields, `${table.id}.`));
  }
  const extra = (app: AppDefinition) => app as AppDefinition & { reminders?: Labelled[] };
  changes.push(
    ...compare('form', before.forms, after.forms),
    ...compare('flow', before.flows, after.flows),
    ...compare('view', before.views, after.views),
    ...compare('role', before.roles, after.roles),
    ...compare('dictionary', before.dictionaries, after.dictionaries),
    ...compare('publicForm', before.publicForms as Labelled[], after.publicForms as Labelled[]),
    ...compare('reminder', extra(before).reminders, extra(after).reminders),
  );
  return changes;
}
