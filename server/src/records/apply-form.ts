import {
  type FieldDefinition,
  type FormDefinition,
  type Issue,
  issue,
  type Locale,
  localize,
  type NodeFieldRights,
  nodeFieldRights,
  type Platform,
  pointer,
} from '@tessera/core';
import {
  columnsOf,
  compileRules,
  type DeriveScope,
  type FormValues,
  initialValues,
  type RuleOutcome,
  ruleStates,
  sameJson,
  settleValues,
  validateForm,
} from '@tessera/runtime/form-logic';
import type { PublishedTable } from './published-apps.ts';

type Values = Record<string, unknown>;

export interface FormInput {
  readonly platform: Platform;
  readonly target: PublishedTable;
  /** The form the write is made through; without one only computed values are derived. */
  readonly form: FormDefinition | undefined;
  /** The flow node's rights; every field editable when absent (as on the data pages). */
  readonly rights: NodeFieldRights | undefined;
  /** The client's values over the stored ones, pulled fields already the server's. */
  readonly values: Readonly<Values>;
  /** The stored values (`{}` for a new record). */
  readonly base: Readonly<Values>;
  readonly isNew: boolean;
  /** Fields (and `subTable.column`s) whose values the server filled from linked records. */
  readonly pulled: ReadonlySet<string>;
  /** `now` and `currentUser`, as expressions see them. */
  readonly extra: FormValues;
  readonly locale: Locale;
}

/** How many times hidden and read-only fields are settled again (a rule may read another's field). */
const ROUNDS = 3;

const isRow = (value: unknown): value is Values =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const rowsOf = (value: unknown): Values[] => (Array.isArray(value) ? value.filter(isRow) : []);
const empty = (value: unknown) => value === undefined || value === null;

/**
 * Applies a form to a write as the browser's form runtime does, with the runtime's own pure
 * functions (`@tessera/runtime/form-logic`): the `value` rules of fields the node may edit and
 * every computed value are the server's, whatever the client sent; a field hidden by a rule
 * takes no value from the client (a new record leaves it empty, a stored one keeps what it
 * held, as hidden fields keep their values); a field read-only by a rule both before and after
 * the write keeps its stored (or a new record's starting) value; a field a rule requires, while
 * it shows, must be filled. Then the platform's validation (`validateForm`: the very issues the
 * browser shows). Cells of a sub-table column a rule hides or locks cannot be restored row by
 * row (rows have no identity), so a change to one is refused, as node rights refuse one.
 */
export function applyForm(input: FormInput): { values: Values; issues: Issue[] } {
  const { platform, target, form, base, isNew, extra } = input;
  const { app, table } = target;
  const env = platform.expressions(app, table.id);
  const fieldType = (type: string) => platform.fieldTypes.get(type);
  const rules = form === undefined ? [] : compileRules(env, form).rules;
  const rights = input.rights ?? nodeFieldRights({}, '', 'edit');
  const valueRules = rules.filter(
    (rule) => rule.value && !rule.field.includes('.') && rights.rightOf(rule.field) === 'edit',
  );
  const scope: DeriveScope = { platform, app, table, env, fieldType, valueRules };
  const settle = (values: Values) => settleValues(scope, values, extra);

  // fields whose value the server works out: never the client's to set, nor to keep
  const derived = new Set<string>([...input.pulled, ...valueRules.map((rule) => rule.field)]);
  for (const field of table.fields) {
    if (fieldType(field.type)?.derived) derived.add(field.id);
    for (const column of columnsOf(field) ?? []) {
      if (fieldType(column.type)?.derived) derived.add(`${field.id}.${column.id}`);
    }
  }

  const validate = (values: Values, outcomes: ReadonlyMap<string, RuleOutcome>) =>
    validateForm({
      platform,
      app,
      table,
      fieldType,
      values,
      locale: input.locale,
      outcomes,
      inputIssues: new Map(),
    });
  if (rules.length === 0) {
    const values = settle({ ...input.values });
    return { values, issues: validate(values, new Map()) };
  }

  // the state the client started from: the stored record, or a new one's starting values
  const start = isNew ? settle(initialValues(env, table, fieldType, extra)) : base;
  const before = ruleStates(env, rules, start, extra);

  const taken: Values = { ...input.values };
  // a value rule's result is stored whatever the client sent (its start value when it fails)
  for (const rule of valueRules) restore(taken, rule.field, start[rule.field]);
  let values = settle(taken);
  let after = ruleStates(env, rules, values, extra);
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    for (const field of table.fields) {
      if (derived.has(field.id)) continue;
      const state = after.get(field.id);
      const hidden = state?.visible === false;
      const locked = state?.readOnly === true && before.get(field.id)?.readOnly === true;
      if (!hidden && !locked) continue;
      const kept = hidden && isNew ? undefined : start[field.id];
      if (!sameJson(taken[field.id], kept)) {
        restore(taken, field.id, kept);
        changed = true;
      }
    }
    if (isNew) changed = dropColumns(taken, table.fields, after, before, derived) || changed;
    if (!changed) break;
    values = settle(taken);
    after = ruleStates(env, rules, values, extra);
  }

  const hiddenField = (path: string) => after.get(path.split('/')[1] ?? '')?.visible === false;
  const issues = [
    ...validate(values, after).filter(
      (one) => !(one.code === 'record.required' && hiddenField(one.path)),
    ),
    ...(isNew ? [] : lockedCells(table.fields, base, values, after, before, derived)),
  ];
  return { values, issues };
}

function restore(values: Values, id: string, kept: unknown) {
  if (empty(kept)) delete values[id];
  else values[id] = structuredClone(kept);
}

/** Why a column's cells are the form's: hidden now, or read-only before and after the write. */
function columnState(
  path: string,
  after: ReadonlyMap<string, RuleOutcome>,
  before: ReadonlyMap<string, RuleOutcome>,
): 'hidden' | 'readOnly' | undefined {
  if (after.get(path)?.visible === false) return 'hidden';
  if (after.get(path)?.readOnly === true && before.get(path)?.readOnly === true) return 'readOnly';
  return undefined;
}

/** A new record's rows: cells of columns a rule hides or locks are left empty. */
function dropColumns(
  values: Values,
  fields: readonly FieldDefinition[],
  after: ReadonlyMap<string, RuleOutcome>,
  before: ReadonlyMap<string, RuleOutcome>,
  derived: ReadonlySet<string>,
): boolean {
  let changed = false;
  for (const field of fields) {
    const rows = values[field.id];
    if (!Array.isArray(rows)) continue;
    for (const column of columnsOf(field) ?? []) {
      const path = `${field.id}.${column.id}`;
      if (derived.has(path) || !columnState(path, after, before)) continue;
      if (!rows.some((row) => isRow(row) && !empty(row[column.id]))) continue;
      values[field.id] = (values[field.id] as unknown[]).map((row) => {
        if (!isRow(row)) return row;
        const { [column.id]: _dropped, ...rest } = row;
        return rest;
      });
      changed = true;
    }
  }
  return changed;
}

/** A stored record's rows: a changed cell of a column a rule hides or locks, row by row. */
function lockedCells(
  fields: readonly FieldDefinition[],
  base: Readonly<Values>,
  values: Readonly<Values>,
  after: ReadonlyMap<string, RuleOutcome>,
  before: ReadonlyMap<string, RuleOutcome>,
  derived: ReadonlySet<string>,
): Issue[] {
  const found: Issue[] = [];
  for (const field of fields) {
    const stored = rowsOf(base[field.id]);
    const rows = Array.isArray(values[field.id]) ? (values[field.id] as unknown[]) : [];
    for (const column of columnsOf(field) ?? []) {
      const path = `${field.id}.${column.id}`;
      const state = derived.has(path) ? undefined : columnState(path, after, before);
      if (!state) continue;
      rows.forEach((row, index) => {
        if (!isRow(row)) return;
        const previous = stored[index]?.[column.id];
        if (sameJson(previous, row[column.id]) || (empty(previous) && empty(row[column.id]))) {
          return;
        }
        const label = `${localize(field.label, 'en', field.id)} / ${localize(column.label, 'en', column.id)}`;
        const labelZh = `${localize(field.label, 'zh-CN', field.id)} / ${localize(column.label, 'zh-CN', column.id)}`;
        found.push(
          issue(pointer('', field.id, index, column.id), `form.${state}`, {
            en: `"${label}" is ${state === 'hidden' ? 'hidden' : 'read-only'} by the form's rules and cannot be changed`,
            'zh-CN': `“${labelZh}”按表单规则${state === 'hidden' ? '不可见' : '只读'}，不能修改`,
          }),
        );
      });
    }
  }
  return found;
}
