import { celToJson, type ExpressionEnvironment } from '@tessera/core';
import { failed, scope, type WriteBackInput, type WriteBackPlan } from './plan-write-back.ts';
import { forEachField, MAX_FOR_EACH } from './write-back-variables.ts';

export type ForEachItems =
  | { readonly ok: true; readonly items: readonly unknown[] }
  | Extract<WriteBackPlan, { ok: false }>;

const PATH = '/config/forEach';

/**
 * The items a forEach write-back makes one record each of, as stored JSON: a sub-table field
 * named on its own gives its rows as they are stored; another expression's list goes through
 * CEL. No forEach gives no items; over MAX_FOR_EACH items is refused, naming the limit.
 */
export function forEachItems(
  input: Omit<WriteBackInput, 'fieldOf' | 'environment'>,
  /** The flow table's environment with `created` (the forEach sees no row of its own). */
  environment: ExpressionEnvironment,
): ForEachItems {
  const source = input.config.forEach;
  if (source === undefined) return { ok: true, items: [] };
  const field = forEachField(input.config);
  let items: unknown;
  if (field !== undefined && environment.variables.some((one) => one.name === field)) {
    items = input.values[field] ?? [];
  } else {
    try {
      items = celToJson(environment.compile(source, 'list').evaluate(scope(input)));
    } catch (error) {
      return failed(PATH, error);
    }
  }
  if (!Array.isArray(items)) return failed(PATH, new Error('it did not give a list'));
  if (items.length > MAX_FOR_EACH) {
    return {
      ok: false,
      code: 'write-back.too-many',
      message: {
        en: `forEach gave ${items.length} items; a write-back makes at most ${MAX_FOR_EACH} records`,
        'zh-CN': `forEach 给出了 ${items.length} 项；一次回写最多新建 ${MAX_FOR_EACH} 条记录`,
      },
      field: PATH,
    };
  }
  return { ok: true, items };
}
