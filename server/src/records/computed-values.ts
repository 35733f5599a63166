import type { Platform } from '@tessera/core';
import { deriveValues } from '@tessera/runtime/form-logic';
import type { PublishedTable } from './published-apps.ts';
import type { RecordValues } from './record-document.ts';

/** What `currentUser` is inside expressions. */
export interface ExpressionUser {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly roles: readonly string[];
}

/**
 * Recomputes every computed value of a record on the server: each field whose type is
 * `derived` without a counter (auto-numbers are drawn, not computed), in the rows of every
 * sub-table first, then at the top level in definition order (a later one sees earlier
 * results), through the form runtime's own `deriveValues` over the table's expression
 * environment. Whatever such a field or cell held is dropped first; one whose expression fails
 * to evaluate, or whose result its type refuses, stays empty rather than failing the write.
 * Write-backs, pack installs and upgrades call this directly; client writes reach it through
 * `prepareValues`, after the form's value rules.
 */
export function computeValues(
  platform: Platform,
  target: PublishedTable,
  values: RecordValues,
  context: { readonly now: string; readonly user: ExpressionUser },
): Record<string, unknown> {
  return deriveValues(
    {
      platform,
      app: target.app,
      table: target.table,
      env: platform.expressions(target.app, target.table.id),
      fieldType: (type) => platform.fieldTypes.get(type),
      valueRules: [],
    },
    values,
    { now: context.now, currentUser: context.user },
  );
}
