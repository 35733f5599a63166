import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { AppDefinition } from '../model/app.ts';
import type { PackManifest } from '../model/pack.ts';

/**
 * What demo references stand for at install time. A demo record may carry `"$id"` (a key
 * unique in its table); its values may hold `"$demo:<table>/<key>"` (that demo record's id),
 * `"$role:<role>"` (a user mapped to that role), `"$dept:<role>"` (a department mapped to it,
 * left out when there is none) and `"$today"`, `"$today+30d"`, `"$now-2d"` (dates and times
 * relative to the install day), so views show due and overdue items whenever it is installed.
 */
export interface DemoContext {
  /** The id the demo record `key` of `table` is stored under. */
  recordId(table: string, key: string): string;
  user(role: string): string;
  department(role: string): string | undefined;
  /** The install moment (ISO 8601). */
  readonly now: string;
}

export interface DemoRecord {
  readonly table: string;
  readonly key: string;
  readonly id: string;
  readonly values: Record<string, unknown>;
}

const KEY = /^[A-Za-z0-9_-]{1,40}$/;
const DAY_REF = /^\$(today|now)(?:([+-])(\d{1,4})d)?$/;
const DAY_MS = 86_400_000;

/** The demo record's key: its `$id`, else its position counted from 1. */
export function demoKey(record: Readonly<Record<string, unknown>>, index: number): string {
  const key = record.$id;
  return typeof key === 'string' ? key : String(index + 1);
}

function shifted(ref: RegExpExecArray, now: string): string {
  const [, what, sign, days] = ref;
  const offset = days === undefined ? 0 : Number(days) * (sign === '-' ? -1 : 1);
  const at = new Date(Date.parse(now) + offset * DAY_MS).toISOString();
  return what === 'today' ? at.slice(0, 10) : at;
}

/**
 * Replaces the demo references of every demo record with real ids and dates, pure. Issues name
 * the place of a bad key or a reference to nothing; the records come back in pack order.
 */
export function resolveDemo(
  app: AppDefinition,
  demo: PackManifest['demo'],
  context: DemoContext,
): { records: DemoRecord[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const keys = new Map<string, Set<string>>();
  const roles = new Set((app.roles ?? []).map((role) => role.id));
  for (const [table, records] of Object.entries(demo ?? {})) {
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const key = demoKey(record, index);
      const at = pointer('/demo', table, index, '$id');
      if (record.$id !== undefined && (typeof record.$id !== 'string' || !KEY.test(key))) {
        issues.push(
          issue(at, 'pack.demoKey', {
            en: '"$id" must be 1 to 40 letters, digits, "_" or "-"',
            'zh-CN': '“$id”必须是 1 到 40 个字母、数字、“_”或“-”',
          }),
        );
      } else if (seen.has(key)) {
        issues.push(
          issue(at, 'pack.demoKeyTwice', {
            en: `demo key "${key}" is used twice in table "${table}"`,
            'zh-CN': `演示数据键“${key}”在表“${table}”中重复`,
          }),
        );
      }
      seen.add(key);
    });
    keys.set(table, seen);
  }

  const resolve = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => resolve(item, pointer(path, i)));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const resolved = resolve(inner, pointer(path, key));
        if (resolved !== undefined) out[key] = resolved;
      }
      return out;
    }
    if (typeof value !== 'string' || !value.startsWith('$')) return value;
    const day = DAY_REF.exec(value);
    if (day) return shifted(day, context.now);
    if (value.startsWith('$demo:')) {
      const [table = '', key = ''] = value.slice(6).split('/');
      if (keys.get(table)?.has(key)) return context.recordId(table, key);
      issues.push(
        issue(path, 'pack.demoRef', {
          en: `"${value}" names no demo record: table "${table}" has no demo record with key "${key}"`,
          'zh-CN': `“${value}”没有对应的演示记录：表“${table}”中没有键为“${key}”的演示记录`,
        }),
      );
      return value;
    }
    const role = /^\$(role|dept):(.+)$/.exec(value);
    if (role) {
      const [, kind, id = ''] = role;
      if (!roles.has(id)) {
        issues.push(
          issue(path, 'pack.demoRole', {
            en: `"${value}" names role "${id}", which the pack does not define`,
            'zh-CN': `“${value}”引用的角色“${id}”在包中未定义`,
          }),
        );
        return value;
      }
      return kind === 'role' ? context.user(id) : context.department(id);
    }
    return value;
  };

  const records: DemoRecord[] = [];
  for (const [table, list] of Object.entries(demo ?? {})) {
    list.forEach((record, index) => {
      const key = demoKey(record, index);
      const { $id, ...values } = record;
      void $id;
      records.push({
        table,
        key,
        id: context.recordId(table, key),
        values: resolve(values, pointer('/demo', table, index)) as Record<string, unknown>,
      });
    });
  }
  return { records, issues };
}
