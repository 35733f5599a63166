import type { Static } from 'typebox';
import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { FieldRight, FormDefinition } from '../model/form.ts';

export type FieldRightName = Static<typeof FieldRight>;

type Values = Readonly<Record<string, unknown>>;

/** What one flow node may do with each field of a form (节点权限). */
export interface NodeFieldRights {
  readonly node: string;
  /** The right on a field id, or on `subTable.column` (falls back to the sub-table's). */
  rightOf(path: string): FieldRightName;
}

/**
 * The rights of `node` in `form`: a field's own entry, else (for a sub-table column) its
 * sub-table's, else the node's `default`, else `fallback` — the flow engine passes `edit` for
 * the drafter's node and `read` for the nodes after it, as approval products do.
 */
export function nodeFieldRights(
  form: Pick<FormDefinition, 'rights'>,
  node: string,
  fallback: FieldRightName,
): NodeFieldRights {
  const rights = form.rights?.[node];
  const fields: Readonly<Record<string, FieldRightName>> = rights?.fields ?? {};
  const base = rights?.default ?? fallback;
  return {
    node,
    rightOf(path) {
      const own = fields[path];
      if (own !== undefined) return own;
      const dot = path.indexOf('.');
      return (dot === -1 ? undefined : fields[path.slice(0, dot)]) ?? base;
    },
  };
}

/** JSON values compared by content (object key order ignored). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

const empty = (value: unknown) => value === undefined || value === null;
const rowsOf = (value: unknown): readonly Values[] =>
  Array.isArray(value)
    ? value.filter((row): row is Values => typeof row === 'object' && row !== null)
    : [];

const refused = (path: string, field: string, right: FieldRightName, node: string): Issue =>
  issue(path, right === 'hidden' ? 'rights.hidden' : 'rights.readOnly', {
    en: `"${field}" is ${right === 'hidden' ? 'hidden' : 'read-only'} at node "${node}" and cannot be changed there`,
    'zh-CN': `“${field}”在节点“${node}”${right === 'hidden' ? '不可见' : '只读'}，不能在此修改`,
  });

/** Columns of an editable sub-table that this node may not change, row by row. */
function checkRows(rights: NodeFieldRights, id: string, before: unknown, after: unknown): Issue[] {
  const old = rowsOf(before);
  const found: Issue[] = [];
  rowsOf(after).forEach((row, index) => {
    const previous = old[index];
    for (const column of new Set([...Object.keys(row), ...Object.keys(previous ?? {})])) {
      const right = rights.rightOf(`${id}.${column}`);
      if (right === 'edit') continue;
      const changed = previous ? !same(previous[column], row[column]) : !empty(row[column]);
      if (changed)
        found.push(
          refused(pointer('/values', id, index, column), `${id}.${column}`, right, rights.node),
        );
    }
  });
  return found;
}

/**
 * Issues for every change from `before` to `after` that the node may not make: a read-only or
 * hidden field that changed (paths `/values/amount`), or such a column of an editable
 * sub-table, compared row by row (a new row may not fill it). Empty when the change is allowed.
 */
export function checkFieldRights(rights: NodeFieldRights, before: Values, after: Values): Issue[] {
  const found: Issue[] = [];
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const right = rights.rightOf(id);
    if (right !== 'edit') {
      if (!same(before[id], after[id]) && !(empty(before[id]) && empty(after[id]))) {
        found.push(refused(pointer('/values', id), id, right, rights.node));
      }
    } else if (Array.isArray(after[id])) {
      found.push(...checkRows(rights, id, before[id], after[id]));
    }
  }
  return found;
}

/** The values the node may see: hidden fields, and hidden sub-table columns, left out. */
export function visibleValues(rights: NodeFieldRights, values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values)) {
    if (rights.rightOf(id) === 'hidden') continue;
    out[id] = Array.isArray(value)
      ? value.map((row: unknown) =>
          typeof row === 'object' && row !== null && !Array.isArray(row)
            ? Object.fromEntries(
                Object.entries(row).filter(
                  ([column]) => rights.rightOf(`${id}.${column}`) !== 'hidden',
                ),
              )
            : row,
        )
      : value;
  }
  return out;
}
