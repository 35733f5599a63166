import {
  defaultForm,
  type FormDefinition,
  type Issue,
  issue,
  type Locale,
  type NodeFieldRights,
  type Platform,
  pointer,
  SYSTEM_KEYS,
} from '@tessera/core';
import { applyForm } from './apply-form.ts';
import type { ExpressionUser } from './computed-values.ts';
import { applyLinks, type LinkReader } from './linked-values.ts';
import { asPrepared, type PreparedValues } from './prepared-values.ts';
import type { PublishedTable } from './published-apps.ts';
import { invalidValues } from './record-errors.ts';

/** The form a write is made through, and the rights of the flow node it is made at. */
export interface FormUse {
  /** A form of the table: a flow's form, a public form's form. */
  readonly id: string;
  /** The flow node's rights (节点权限); every field editable when absent. */
  readonly rights?: NodeFieldRights;
}

/** Who writes, when, and through which form. */
export interface WriteContext {
  readonly locale: Locale;
  readonly now: string;
  readonly user: ExpressionUser;
  /** Where linked records are read and by whom: a link must point at one the writer may read. */
  readonly links: LinkReader;
  /** The table's default form (its first, as on the data pages) when absent. */
  readonly form?: FormUse;
}

/** Keys the client may not set: the platform's own, and fields the platform derives. */
function refusedKeys(platform: Platform, target: PublishedTable, values: object): Issue[] {
  const fields = new Map(target.table.fields.map((field) => [field.id, field]));
  const found: Issue[] = [];
  for (const key of Object.keys(values)) {
    const field = fields.get(key);
    if (!field && SYSTEM_KEYS.has(key)) {
      found.push(
        issue(pointer('', key), 'record.systemKey', {
          en: `"${key}" is set by the platform, not in values`,
          'zh-CN': `“${key}”由平台设置，不能出现在 values 中`,
        }),
      );
    } else if (field && platform.fieldTypes.get(field.type)?.derived) {
      found.push(
        issue(pointer('', key), 'record.derived', {
          en: `"${key}" is computed by the platform and cannot be given`,
          'zh-CN': `“${key}”由平台计算，不能填写`,
        }),
      );
    }
  }
  return found;
}

/** Each given value in its type's stored form (rich text sanitised, in sub-table rows too). */
function normalize(
  platform: Platform,
  target: PublishedTable,
  values: Record<string, unknown>,
  locale: Locale,
) {
  const ctx = {
    locale,
    dictionary: (id: string) => target.app.dictionaries?.find((one) => one.id === id),
    fieldType: (type: string) => platform.fieldTypes.get(type),
  };
  for (const field of target.table.fields) {
    const value = values[field.id];
    const hook = platform.fieldTypes.get(field.type)?.normalize;
    if (hook && value !== undefined) {
      values[field.id] = hook(value, { ...field, config: field.config ?? {} } as never, ctx);
    }
  }
}

/** The form a write applies: the one it names, else the table's default form (if any). */
function formOf(target: PublishedTable, use: FormUse | undefined): FormDefinition | undefined {
  const named = use && target.app.forms?.find((form) => form.id === use.id);
  return named?.table === target.table.id ? named : defaultForm(target.app, target.table.id);
}

/**
 * The values to store — the one place every write of a record's values is worked out (create,
 * update, imports, public forms, sync, flow starts and the edits at a flow's nodes): `input`
 * over `base` (a PATCH over the stored values; a create has no `base`), derived and system keys
 * of `input` refused, empty values (null) left out (so a PATCH with null clears a field), each
 * value normalised by its type (rich text sanitised); then what the server derives whatever
 * the client sent: every newly linked record checked (it exists, in the link's table, within
 * the writer's row scope) and every pulled field copied from it (`applyLinks`), the form's linkage rules applied — value rules,
 * hidden, read-only and required — and every computed value, in sub-table rows too, worked out
 * (`applyForm`), and the result checked by the platform's rules (the browser's). Throws a 400
 * naming the first issue's field (`/values/amount`).
 */
export async function prepareValues(
  platform: Platform,
  target: PublishedTable,
  input: Readonly<Record<string, unknown>>,
  context: WriteContext,
  base?: Readonly<Record<string, unknown>>,
): Promise<PreparedValues> {
  const refused = refusedKeys(platform, target, input);
  if (refused.length > 0) throw invalidValues(refused, context.locale);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...base, ...input })) {
    if (value !== null && value !== undefined) values[key] = value;
  }
  normalize(platform, target, values, context.locale);
  const links = await applyLinks(platform, target, values, base ?? {}, context.links);
  if (links.issues.length > 0) throw invalidValues(links.issues, context.locale);
  const applied = applyForm({
    platform,
    target,
    form: formOf(target, context.form),
    rights: context.form?.rights,
    values: links.linked.values,
    base: base ?? {},
    isNew: base === undefined,
    pulled: links.linked.pulled,
    extra: { now: context.now, currentUser: context.user },
    locale: context.locale,
  });
  if (applied.issues.length > 0) throw invalidValues(applied.issues, context.locale);
  return asPrepared(applied.values);
}
