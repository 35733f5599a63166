import type { FindQuery, IndexDefinition } from '@tessera/runtime';
import { RECORD_TYPE } from '../records/record-document.ts';
import { addDays, type Day } from './reminder-days.ts';

/**
 * The index a reminder reads its table's records through, by date: one per app, table and
 * date field (reminders on the same field share it). Ids are identifier-shaped, so `-`
 * separates them unambiguously.
 */
export function reminderIndex(app: string, table: string, field: string): IndexDefinition {
  return {
    name: `reminder-dates-${app}-${table}-${field}`,
    fields: ['type', 'app', 'table', `values.${field}`],
  };
}

/**
 * The records whose date lies from `from` through `through`, oldest date first. The range is
 * one day wider on each side, so datetimes with any offset are in it; the sweeper decides the
 * day of each in the server's time zone.
 */
export function reminderQuery(
  index: IndexDefinition,
  where: { readonly app: string; readonly table: string; readonly field: string },
  from: Day,
  through: Day,
): Omit<FindQuery, 'cursor' | 'limit'> {
  return {
    index: index.name,
    selector: {
      type: RECORD_TYPE,
      app: where.app,
      table: where.table,
      [`values.${where.field}`]: { $gte: addDays(from, -1), $lt: addDays(through, 2) },
    },
    sort: index.fields.map((field) => ({ [field]: 'asc' as const })),
  };
}
