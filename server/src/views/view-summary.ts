import { type Locale, localize } from '@tessera/core';
import type { RecordDocument } from '../records/record-document.ts';
import { aggregateValue, type ResolvedAggregate } from './aggregate-values.ts';
import { cellsAt } from './cells-at.ts';
import { type LinkTarget, linkedTable } from './link-displays.ts';
import type { ViewField } from './view-field.ts';

export interface SummaryGroup {
  /** The group's value of each groupBy field (null when empty). */
  readonly key: Readonly<Record<string, unknown>>;
  /** The values as shown, joined by " / ". */
  readonly label: string;
  readonly count: number;
  readonly aggregates: Readonly<Record<string, unknown>>;
}

export interface ViewSummary {
  readonly groups: readonly SummaryGroup[];
  readonly totals: Readonly<Record<string, unknown>>;
  readonly count: number;
}

const EMPTY = { en: '(empty)', 'zh-CN': '（空）' };

const groupValue = (target: ViewField, doc: RecordDocument): unknown => {
  const cell = cellsAt(doc.values, target)[0];
  return cell === undefined || cell === null || target.type.form.isEmpty(cell) ? null : cell;
};

function shown(
  target: ViewField,
  value: unknown,
  locale: Locale,
  named: ReadonlyMap<string, LinkTarget>,
): string {
  if (value === null) return localize(EMPTY, locale);
  if (linkedTable(target) !== undefined) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => named.get(String(id))?.display ?? String(id)).join(', ');
  }
  try {
    return target.type.form.format(value, target.field as never, locale);
  } catch {
    return String(value);
  }
}

/**
 * Group-by totals of a view (pure): one group per distinct combination of the groupBy values,
 * ordered by those values (empty last), each with every aggregate; and the totals over all.
 */
export function summarise(
  groupBy: readonly ViewField[],
  aggregates: readonly ResolvedAggregate[],
  docs: readonly RecordDocument[],
  locale: Locale,
  /** Linked records by id, for groups by a link field; an id not in it is shown as it is. */
  named: ReadonlyMap<string, LinkTarget> = new Map(),
): ViewSummary {
  const aggregatesOf = (some: readonly RecordDocument[]) =>
    Object.fromEntries(aggregates.map((one) => [one.aggregate.id, aggregateValue(one, some)]));
  const buckets = new Map<string, { values: unknown[]; docs: RecordDocument[] }>();
  if (groupBy.length > 0) {
    for (const doc of docs) {
      const values = groupBy.map((target) => groupValue(target, doc));
      const id = JSON.stringify(values);
      const bucket = buckets.get(id) ?? { values, docs: [] };
      bucket.docs.push(doc);
      buckets.set(id, bucket);
    }
  }
  const ordered = [...buckets.values()].sort((a, b) => {
    for (const [at, target] of groupBy.entries()) {
      const x = a.values[at];
      const y = b.values[at];
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const order = target.type.compare(x, y, target.field as never);
      if (order !== 0 && !Number.isNaN(order)) return order;
    }
    return 0;
  });
  const groups = ordered.map(({ values, docs: inGroup }) => ({
    key: Object.fromEntries(groupBy.map((target, at) => [target.path, values[at]])),
    label: groupBy.map((target, at) => shown(target, values[at], locale, named)).join(' / '),
    count: inGroup.length,
    aggregates: aggregatesOf(inGroup),
  }));
  return { groups, totals: aggregatesOf(docs), count: docs.length };
}
