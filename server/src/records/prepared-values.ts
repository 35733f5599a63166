import type { Issue, Platform } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import { computeValues, type ExpressionUser } from './computed-values.ts';
import type { PublishedTable } from './published-apps.ts';

declare const prepared: unique symbol;

/**
 * Values the record writer may store: worked out and checked by `prepareValues` (a person's
 * write, through a form) or by `systemValues` (the platform's own: write-backs, sub-flows, pack
 * data). The brand is for the compiler only: no other value reaches the writer.
 */
export type PreparedValues = Readonly<Record<string, unknown>> & { readonly [prepared]: true };

/** Values that passed one of the two preparers (they call this last). */
export const asPrepared = (values: Readonly<Record<string, unknown>>): PreparedValues =>
  values as PreparedValues;

/** A write of the platform's own that the table's rules refuse: the record and field named. */
export class InvalidSystemWrite extends ApiError {
  constructor(
    target: PublishedTable,
    readonly issues: readonly Issue[],
  ) {
    const first = issues[0]!;
    const where = `${target.app.id}/${target.table.id}`;
    super(
      422,
      'invalid_record',
      {
        en: `the platform would store an invalid ${where} record: ${first.path}: ${first.message.en}`,
        'zh-CN': `平台将写入无效的 ${where} 记录：${first.path}：${first.message['zh-CN']}`,
      },
      `/values${first.path}`,
    );
  }
}

/**
 * The values of a write the platform makes on its own (no form, no person's rights): every
 * computed field worked out (`computeValues`), then the table's rules checked. Throws
 * `InvalidSystemWrite` naming the first field the rules refuse.
 */
export function systemValues(
  platform: Platform,
  target: PublishedTable,
  values: Readonly<Record<string, unknown>>,
  context: { readonly now: string; readonly user: ExpressionUser },
): PreparedValues {
  const computed = computeValues(platform, target, values, context);
  const issues = platform.validateRecord(target.app, target.table.id, computed);
  if (issues.length > 0) throw new InvalidSystemWrite(target, issues);
  return asPrepared(computed);
}
