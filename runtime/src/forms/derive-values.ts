import type {
  AppDefinition,
  ExpressionEnvironment,
  Platform,
  TableDefinition,
} from '@tessera/core';
import { computeValues, hasComputed } from './computed-values.ts';
import { columnsOf, type FieldTypes, rowScope, typed } from './form-tables.ts';
import type { FormValues } from './form-types.ts';
import type { CompiledRule } from './linkage.ts';
import { sameJson } from './paths.ts';

export interface DeriveScope {
  readonly platform: Platform;
  readonly app: AppDefinition;
  readonly table: TableDefinition;
  readonly env: ExpressionEnvironment;
  readonly fieldType: FieldTypes;
  /** Value rules of fields the node may edit (a rule must not write what the node may not). */
  readonly valueRules: readonly CompiledRule[];
}

/**
 * The values after the `value` rules (in rule order) and the computed fields — the computed
 * columns of each row, then the top-level ones, which may read the rows — have run. CEL
 * results become stored JSON through the target field type's `fromCel`, the one place BigInt
 * ints and decimals are mapped. A value rule reading a computed field sees its previous value:
 * the form re-runs this until nothing changes, the server a few times (`settleValues`).
 */
export function deriveValues(
  scope: DeriveScope,
  values: FormValues,
  extra: FormValues,
): FormValues {
  const out: FormValues = { ...values };
  const fields = new Map(scope.table.fields.map((field) => [field.id, field]));
  for (const rule of scope.valueRules) {
    const field = fields.get(rule.field);
    const type = field && scope.fieldType(field.type);
    if (!rule.value || !field || !type) continue;
    try {
      const value = type.fromCel(rule.value.evaluate({ ...out, ...extra }), typed(field));
      if (value === undefined || value === null) delete out[field.id];
      else out[field.id] = value;
    } catch {
      // a rule that cannot be evaluated yet (a value is missing) leaves the field as it is
    }
  }
  for (const field of scope.table.fields) {
    const columns = columnsOf(field);
    const rows = out[field.id];
    if (!columns || !Array.isArray(rows) || !hasComputed(columns, scope.fieldType)) continue;
    const row = rowScope(scope.platform, scope.app, scope.table, field);
    if (!row) continue;
    out[field.id] = rows.map((cells: unknown) =>
      cells !== null && typeof cells === 'object'
        ? computeValues(row.env, columns, scope.fieldType, cells as FormValues, extra)
        : cells,
    );
  }
  return computeValues(scope.env, scope.table.fields, scope.fieldType, out, extra);
}

/**
 * `deriveValues` run until the values stop changing (at most `passes` times), as the form's
 * reaction re-runs it on its own output: a value rule that reads a computed field, or a
 * computed field that reads a value rule's result, settles as it does in the browser.
 */
export function settleValues(
  scope: DeriveScope,
  values: FormValues,
  extra: FormValues,
  passes = 5,
): FormValues {
  let out = deriveValues(scope, values, extra);
  for (let pass = 1; pass < passes; pass++) {
    const next = deriveValues(scope, out, extra);
    if (sameJson(next, out)) break;
    out = next;
  }
  return out;
}
