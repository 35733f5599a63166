import type { Selector } from '@tessera/runtime';
import type { ResolvedFilter } from './resolve-filter.ts';

const EXACT = new Set(['string', 'bool', 'int', 'double']);
const NUMERIC = new Set(['int', 'double']);
const RANGE = { gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte' } as const;

const primitive = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * Selector conditions on the record document's `values` that narrow the query in the database.
 * Only conditions whose Mango answer holds every record the in-memory check would keep are
 * sent (equality and `$in` on single text, boolean and number values; ranges on numbers); the
 * in-memory check (filter-match.ts) still runs on every record read, so it decides.
 */
export function mangoParts(filters: readonly ResolvedFilter[]): Selector[] {
  const parts: Selector[] = [];
  for (const { target, op, value } of filters) {
    if (target.parent !== undefined || !EXACT.has(target.celType)) continue;
    const key = `values.${target.field.id}`;
    const numeric = NUMERIC.has(target.celType);
    if (op === 'eq' && primitive(value)) parts.push({ [key]: { $eq: value } });
    else if (op === 'in' && Array.isArray(value) && value.every(primitive)) {
      parts.push({ [key]: { $in: value } });
    } else if (numeric && typeof value === 'number' && op in RANGE) {
      parts.push({ [key]: { [RANGE[op as keyof typeof RANGE]]: value } });
    } else if (numeric && op === 'between' && Array.isArray(value)) {
      const [low, high] = value;
      if (typeof low === 'number' && typeof high === 'number') {
        parts.push({ [key]: { $gte: low, $lte: high } });
      }
    }
  }
  return parts;
}
