import {
  type AppDefinition,
  type Bilingual,
  celToJson,
  ExpressionError,
  FILTER_OPS,
  type Locale,
  type Platform,
  pointer,
  type TableDefinition,
  type ViewFilter,
} from '@tessera/core';
import { invalidViewQuery } from './view-errors.ts';
import { type ViewField, viewField } from './view-field.ts';

export type FilterOp = ViewFilter['op'];

/** A filter ready to apply: its field resolved, its value normalised to the stored form. */
export interface ResolvedFilter {
  readonly target: ViewField;
  readonly op: FilterOp;
  /** A stored-form value; a list for `in` and (two items) for `between`; absent for empty tests. */
  readonly value?: unknown;
}

/** What the filter's value may be computed from: the moment and the caller, as in forms. */
export interface FilterScope {
  readonly platform: Platform;
  readonly app: AppDefinition;
  readonly table: TableDefinition;
  readonly locale: Locale;
  /** Variables a `valueExpr` sees besides the (empty) fields: `now`, `currentUser`. */
  readonly variables: Readonly<Record<string, unknown>>;
}

const MAX_LIST = 1000;

const isList = (celType: string) => celType === 'list' || celType.startsWith('list<');

/**
 * Resolves one filter (a view's own or one a request adds) at `at`, a pointer naming it in
 * errors (`/query/filter/0`, or `/views/<id>/filters/0` for a published one). The field must be
 * the table's, the value fit the operator, and a comparison value be valid for the field's
 * type (`"100"` on a money field becomes `"100.00"`); `valueExpr` is evaluated first.
 */
export function resolveFilter(
  filter: { field?: unknown; op?: unknown; value?: unknown; valueExpr?: unknown },
  at: string,
  scope: FilterScope,
): ResolvedFilter {
  const refuse = (where: string, detail: Bilingual) => invalidViewQuery(pointer(at, where), detail);
  if (typeof filter.field !== 'string') {
    throw refuse('field', { en: 'must name a field', 'zh-CN': '必须指定字段' });
  }
  const target = viewField(scope.platform, scope.app, scope.table, filter.field);
  if (!target) {
    throw refuse('field', {
      en: `"${filter.field.slice(0, 100)}" is not a field of table "${scope.table.id}"`,
      'zh-CN': `“${filter.field.slice(0, 100)}”不是表“${scope.table.id}”的字段`,
    });
  }
  const op = filter.op as FilterOp;
  if (!FILTER_OPS.includes(op)) {
    throw refuse('op', {
      en: `must be one of ${FILTER_OPS.join(', ')}`,
      'zh-CN': `必须是 ${FILTER_OPS.join('、')} 之一`,
    });
  }
  if (op === 'empty' || op === 'notEmpty') return { target, op };
  const raw =
    typeof filter.valueExpr === 'string'
      ? evaluate(filter.valueExpr, target, scope, (reason) =>
          refuse('valueExpr', {
            en: `the expression could not be evaluated${reason ? `: ${reason.en}` : ''}`,
            'zh-CN': `表达式无法求值${reason ? `：${reason['zh-CN']}` : ''}`,
          }),
        )
      : filter.value;
  if (raw === undefined || raw === null) {
    throw refuse('value', { en: `"${op}" needs a value`, 'zh-CN': `“${op}”需要一个值` });
  }
  const where = typeof filter.valueExpr === 'string' ? 'valueExpr' : 'value';
  if (op === 'in' || op === 'between') {
    const count = op === 'between' ? 2 : undefined;
    if (!Array.isArray(raw) || raw.length > MAX_LIST || (count && raw.length !== count)) {
      throw refuse(where, {
        en:
          op === 'between'
            ? 'must be a list of two values'
            : `must be a list of at most ${MAX_LIST} values`,
        'zh-CN': op === 'between' ? '必须是包含两个值的列表' : `必须是最多 ${MAX_LIST} 个值的列表`,
      });
    }
    const value = raw.map((one, index) =>
      normalise(one, target, op, pointer(at, where, index), scope),
    );
    return { target, op, value };
  }
  return { target, op, value: normalise(raw, target, op, pointer(at, where), scope) };
}

function evaluate(
  source: string,
  target: ViewField,
  scope: FilterScope,
  failed: (reason: Bilingual | undefined) => Error,
): unknown {
  try {
    const compiled = scope.platform.expressions(scope.app, scope.table.id).compile(source);
    const result = compiled.evaluate(scope.variables);
    return celToJson(target.type.fromCel(result, target.field as never));
  } catch (error) {
    // an expression's own problem (a type error, too costly, over budget) says what it is
    throw failed(error instanceof ExpressionError ? error.detail : undefined);
  }
}

/**
 * The stored form of a comparison value (through the type's CEL conversions and its
 * normalising), checked by the type; text searched for with `contains`, and items of list fields, are taken as given.
 */
function normalise(
  value: unknown,
  target: ViewField,
  op: FilterOp,
  at: string,
  scope: FilterScope,
): unknown {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw invalidViewQuery(at, {
      en: 'must be text, a number or true/false',
      'zh-CN': '必须是文本、数字或布尔值',
    });
  }
  if (op === 'contains' || isList(target.celType)) return value;
  const { type, field } = target;
  const ctx = {
    locale: scope.locale,
    dictionary: (id: string) => scope.app.dictionaries?.find((one) => one.id === id),
    fieldType: (id: string) => scope.platform.fieldTypes.get(id),
  };
  let stored: unknown = value;
  try {
    stored = celToJson(type.fromCel(type.toCel(value, field as never), field as never));
  } catch {
    stored = value;
  }
  // compared with stored values, so in their stored form (as a record's value is written)
  if (type.normalize) stored = type.normalize(stored, field as never, ctx);
  const issues = type.validate(stored, field as never, ctx);
  const first = issues[0];
  if (first) {
    throw invalidViewQuery(at, {
      en: `is not a valid value of field "${target.path}": ${first.message.en}`,
      'zh-CN': `不是字段“${target.path}”的有效值：${first.message['zh-CN']}`,
    });
  }
  return stored;
}
