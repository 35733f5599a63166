import { createForm, type GeneralField } from '@formily/core';
import { batch, observable, reaction, toJS, untracked } from '@formily/reactive';
import {
  type Bilingual,
  type FieldDefinition,
  type Issue,
  nodeFieldRights,
  type TableDefinition,
} from '@tessera/core';
import { deriveValues } from './derive-values.ts';
import type { FormRuntime } from './form-runtime-api.ts';
import { columnsOf, rowScope, typed as withConfig } from './form-tables.ts';
import type { FieldState, FormRuntimeOptions, FormValues } from './form-types.ts';
import { validateForm } from './form-validation.ts';
import { initialValues } from './initial-values.ts';
import { compileRules, type RuleOutcome, ruleStates } from './linkage.ts';
import { columnPath, isUnder, sameJson } from './paths.ts';
import { rowTotals } from './row-totals.ts';
import { submitValues } from './submit-values.ts';

const NO_USER = { id: '', name: '', department: '', roles: [] };

function tableOf(options: FormRuntimeOptions): TableDefinition {
  const table = options.app.tables.find((one) => one.id === options.form.table);
  if (!table) throw new RangeError(`form "${options.form.id}" names no table of the app`);
  return table;
}

/** Creates the runtime of one form for one node; always `dispose()` it (formily leaks otherwise). */
export function createFormRuntime(options: FormRuntimeOptions): FormRuntime {
  const { platform, app, locale } = options;
  const definition = options.form;
  const table = tableOf(options);
  const fieldType = (type: string) => platform.fieldTypes.get(type);
  const rights = nodeFieldRights(definition, options.node ?? '', options.fallbackRight ?? 'edit');
  const env = platform.expressions(app, table.id);
  const compiled = compileRules(env, definition);
  const fields = new Map(table.fields.map((field) => [field.id, field]));
  const extra = () => ({
    now: (options.now?.() ?? new Date()).toISOString(),
    currentUser: options.user ?? NO_USER,
  });
  const scope = {
    platform,
    app,
    table,
    env,
    fieldType,
    valueRules: compiled.rules.filter(
      (rule) => rule.value && !rule.field.includes('.') && rights.rightOf(rule.field) === 'edit',
    ),
  };
  const start = structuredClone(options.values ?? initialValues(env, table, fieldType, extra()));
  const form = createForm({ values: start });
  // Linkage outcomes and issues are replaced whole; each field's state derived from them is kept
  // in a cell of its own, changed only when that field's state changes, so an element re-renders
  // for its own field and not for every rule or issue of the form.
  const state = observable.ref({
    outcomes: new Map<string, RuleOutcome>(),
    issues: [] as readonly Issue[],
    input: new Map<string, Bilingual>(),
  });
  const created = new Map<string, GeneralField>();
  let validated = false;
  let disposed = false;

  const fieldAt = (path: string): FieldDefinition | undefined => {
    const parts = path.split('.');
    const top = fields.get(parts[0] ?? '');
    // `lines.price` (a column) and `lines.0.price` (a cell) both name the column `price`
    return parts.length === 1 ? top : columnsOf(top)?.find((one) => one.id === parts.at(-1));
  };

  const computeState = (path: string): FieldState => {
    const column = columnPath(path);
    const parts = column.split('.');
    const parent = parts.length > 1 ? computeState(parts[0] ?? '') : undefined;
    const field = fieldAt(path);
    const right = rights.rightOf(column);
    const { outcomes, issues, input } = state.value;
    const outcome = outcomes.get(column) ?? {};
    const derived = field ? Boolean(fieldType(field.type)?.derived) : false;
    // a rows field shows its own and its rows' issues; each cell shows its own
    const cellDepth = columnsOf(field) && !path.includes('.') ? 4 : Number.POSITIVE_INFINITY;
    const errors = issues
      .filter((one) => isUnder(one.path, path) && one.path.split('/').length < cellDepth)
      .map((one) => one.message[locale]);
    const typed = input.get(path);
    return {
      visible: right !== 'hidden' && outcome.visible !== false && parent?.visible !== false,
      required: Boolean(field?.required || outcome.required),
      readOnly:
        right !== 'edit' || derived || outcome.readOnly === true || Boolean(parent?.readOnly),
      right,
      errors:
        typed && !issues.some((one) => one.code === 'form.input' && isUnder(one.path, path))
          ? [...errors, typed[locale]]
          : errors,
    };
  };

  const cells = new Map<string, { value: FieldState }>();
  /** A field's state, read from its own cell (tracked by whoever renders that field only). */
  const fieldState = (path: string): FieldState => {
    let cell = cells.get(path);
    if (!cell) {
      cell = observable.ref(untracked(() => computeState(path)));
      cells.set(path, cell);
    }
    return cell.value;
  };
  /** Replaces the form's state and updates the cells of the fields whose state it changed. */
  const setState = (next: typeof state.value) => {
    batch(() => {
      state.value = next;
      for (const [path, cell] of cells) {
        const fresh = untracked(() => computeState(path));
        if (!sameJson(fresh, cell.value)) cell.value = fresh;
      }
    });
  };

  /** Mirrors the linkage outcome onto a formily field: hidden keeps the value (never visible=false). */
  const mirror = (id: string, field: GeneralField) => {
    const current = fieldState(id);
    field.setDisplay(current.visible ? 'visible' : 'hidden');
    field.setPattern(current.readOnly ? 'readOnly' : 'editable');
  };

  const validate = () => {
    validated = true;
    const issues = validateForm({
      platform,
      app,
      table,
      fieldType,
      values: toJS(form.values),
      locale,
      outcomes: state.value.outcomes,
      inputIssues: state.value.input,
    });
    setState({ ...state.value, issues });
    return issues;
  };

  const recompute = () => {
    const before = toJS(form.values) as FormValues;
    const after = deriveValues(scope, before, extra());
    const outcomes = ruleStates(env, compiled.rules, after, extra());
    batch(() => {
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (sameJson(before[key], after[key])) continue;
        if (after[key] === undefined) form.deleteValuesIn(key);
        else form.setValuesIn(key, after[key]);
      }
      if (!sameJson([...outcomes], [...state.value.outcomes])) {
        setState({ ...state.value, outcomes });
        for (const [id, field] of created) mirror(id, field);
      }
    });
    if (validated) validate();
  };
  const stop = reaction(() => toJS(form.values), recompute, {
    equals: sameJson,
    fireImmediately: true,
  });

  const alive = () => {
    if (disposed) throw new Error(`form "${definition.id}" was disposed`);
  };
  const createField = (id: string) => {
    const field = fields.get(id);
    if (!field || created.has(id) || rights.rightOf(id) === 'hidden') return;
    const made = columnsOf(field)
      ? form.createArrayField({ name: id })
      : form.createField({ name: id });
    created.set(id, made);
    mirror(id, made);
  };
  const ensureSection = (sectionId: string) => {
    alive();
    const section = definition.sections.find((one) => one.id === sectionId);
    for (const item of section?.items ?? []) if ('field' in item) createField(item.field);
  };
  if (options.lazy === false) for (const section of definition.sections) ensureSection(section.id);

  const editRows = (id: string, edit: (rows: FormValues[]) => void): boolean => {
    alive();
    if (!columnsOf(fields.get(id))) throw new RangeError(`"${id}" is not a field with rows`);
    if (fieldState(id).readOnly) return false;
    const rows = [...((toJS(form.getValuesIn(id)) as FormValues[] | undefined) ?? [])];
    edit(rows);
    form.setValuesIn(id, rows);
    return true;
  };

  return {
    form,
    platform,
    app,
    definition,
    table,
    locale,
    values: () => toJS(form.values) as FormValues,
    valueAt: (path) => form.getValuesIn(path),
    setValue(path, value) {
      alive();
      if (value === undefined || value === null) form.deleteValuesIn(path);
      else form.setValuesIn(path, value);
    },
    fieldState,
    fieldAt,
    fieldType: (field) => fieldType(field.type),
    sections: () =>
      definition.sections.filter((section) =>
        section.items.some((item) => !('field' in item) || rights.rightOf(item.field) !== 'hidden'),
      ),
    ensureSection,
    createdFields: () => created.size,
    setInputIssue(path, message) {
      // unchanged (every keystroke of readable text clears an issue that is not there): keep
      // the state as it is, else every element that read it re-renders
      if (state.value.input.get(path) === message) return;
      const input = new Map(state.value.input);
      if (message) input.set(path, message);
      else input.delete(path);
      setState({ ...state.value, input });
      if (validated) validate();
    },
    validate,
    issues: () => state.value.issues,
    submitValues: () => submitValues(table, rights, fieldType, toJS(form.values)),
    addRow: (id, row = {}) => editRows(id, (rows) => rows.push({ ...row })),
    removeRow: (id, index) => editRows(id, (rows) => rows.splice(index, 1)),
    moveRow: (id, from, to) =>
      editRows(id, (rows) => {
        const [moved] = rows.splice(from, 1);
        if (moved) rows.splice(Math.max(0, Math.min(to, rows.length)), 0, moved);
      }),
    totals(id) {
      const field = fields.get(id);
      const columns = columnsOf(field);
      const rows = rowScope(platform, app, table, field as FieldDefinition);
      if (!columns || !rows) return [];
      const asked = field?.config?.totals as Parameters<typeof rowTotals>[2];
      return rowTotals(form.getValuesIn(id), columns, asked, rows.env, fieldType, locale);
    },
    pickRecord(id, recordId, values = {}) {
      alive();
      const field = fields.get(id);
      const pull = (field && fieldType(field.type)?.links?.pulls(withConfig(field))) ?? [];
      batch(() => {
        this.setValue(id, recordId);
        for (const { from, to } of pull) {
          if (rights.rightOf(to) === 'edit') this.setValue(to, recordId ? values[from] : undefined);
        }
      });
    },
    get disposed() {
      return disposed;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stop();
      form.onUnmount();
    },
  };
}
