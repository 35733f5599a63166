import {
  type AppDefinition,
  type Bilingual,
  type FieldDefinition,
  type Issue,
  issue,
  type Locale,
  localize,
  type Platform,
  pointer,
  type TableDefinition,
} from '@tessera/core';
import { columnsOf, type FieldTypes } from './form-tables.ts';
import type { FormValues } from './form-types.ts';
import type { RuleOutcome } from './linkage.ts';

const requiredIssue = (path: string, field: FieldDefinition): Issue =>
  issue(path, 'form.required', {
    en: `"${localize(field.label, 'en')}" is required`,
    'zh-CN': `“${localize(field.label, 'zh-CN')}”为必填项`,
  });

/** Values as the server validates them: empty (null) values are left out before checking. */
function stored(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

export interface ValidationInput {
  readonly platform: Platform;
  readonly app: AppDefinition;
  readonly table: TableDefinition;
  readonly fieldType: FieldTypes;
  readonly values: FormValues;
  readonly locale: Locale;
  /** Linkage outcomes by field or column path. */
  readonly outcomes: ReadonlyMap<string, RuleOutcome>;
  /** Text the user typed that its field type could not read, by dotted path. */
  readonly inputIssues: ReadonlyMap<string, Bilingual>;
}

/**
 * The issues of a form: exactly `platform.validateRecord`'s (the server's rules, so browser
 * and server agree), then what only the form knows: fields a linkage rule makes required
 * (while the rules also show them) and input that could not be read.
 */
export function validateForm(input: ValidationInput): Issue[] {
  const { values, outcomes, fieldType } = input;
  const found = input.platform.validateRecord(
    input.app,
    input.table.id,
    stored(values),
    input.locale,
  );
  const empty = (field: FieldDefinition, value: unknown) =>
    value === undefined ||
    value === null ||
    (fieldType(field.type)?.form.isEmpty(value) ?? value === '');
  const ruleRequired = (path: string, field: FieldDefinition) => {
    const outcome = outcomes.get(path);
    return outcome?.required === true && outcome.visible !== false && !field.required;
  };
  for (const field of input.table.fields) {
    if (outcomes.get(field.id)?.visible === false) continue;
    if (ruleRequired(field.id, field) && empty(field, values[field.id])) {
      found.push(requiredIssue(pointer('', field.id), field));
    }
    const rows = values[field.id];
    for (const column of columnsOf(field) ?? []) {
      if (!Array.isArray(rows) || !ruleRequired(`${field.id}.${column.id}`, column)) continue;
      rows.forEach((row: Record<string, unknown>, index) => {
        if (empty(column, row?.[column.id])) {
          found.push(requiredIssue(pointer('', field.id, index, column.id), column));
        }
      });
    }
  }
  for (const [path, message] of input.inputIssues) {
    found.push(issue(pointer('', ...path.split('.')), 'form.input', message));
  }
  return found;
}
