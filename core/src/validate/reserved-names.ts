/** Names expressions see besides a table's fields; a field may not take them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'now',
  'currentUser',
  'target',
  'row',
  'record',
]);
