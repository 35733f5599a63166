import {
  type AppDefinition,
  type FieldDefinition,
  type FieldOf,
  type FieldSequenceHooks,
  type PackManifest,
  type Platform,
  resolveDemo,
  type TableDefinition,
} from '@tessera/core';
import type { NewDocument } from '@tessera/runtime';
import type { AppDocument, AppVersionDocument } from '../apps/app-documents.ts';
import { appDocId, versionDocId } from '../apps/app-documents.ts';
import { auditIdOf } from '../audit/audit-entry.ts';
import { APP_ROLES_TYPE, type AppRolesFields, appRolesId } from '../records/app-roles.ts';
import { COUNTER_TYPE, counterId } from '../records/draw-numbers.ts';
import {
  asPrepared,
  InvalidSystemWrite,
  type PreparedValues,
  systemValues,
} from '../records/prepared-values.ts';
import type { PublishedTable } from '../records/published-apps.ts';
import { createKeyOf, type NewRecord } from '../records/record-writer.ts';
import { demoRecordId } from './pack-documents.ts';
import { PackRefusal } from './pack-errors.ts';
import type { RoleMapping } from './role-mapping.ts';

export interface InstallPlanInput {
  readonly platform: Platform;
  readonly pack: PackManifest;
  readonly app: AppDefinition;
  readonly roles: RoleMapping;
  readonly demo: boolean;
  readonly actor: string;
  readonly now: string;
  /** The number the app is published under (1, or the next one after kept data). */
  readonly appVersion: number;
  readonly timeZone: string;
}

/** Everything an install writes, by id, in the order it is written. */
export interface InstallPlan {
  /** Demo records, computed, checked and numbered: the record writer stores them in batches. */
  readonly demo: readonly (NewRecord & { readonly id: string })[];
  readonly demoRecords: number;
  readonly counters: readonly NewDocument<object>[];
  readonly roles: NewDocument<AppRolesFields>;
  readonly version: NewDocument<AppVersionDocument>;
  /** Written last: the app is visible once this exists. */
  readonly appDoc: NewDocument<AppDocument & { pack: { name: string; version: string } }>;
}

/** The ids a plan writes, for the journal (rolling back removes those that exist). */
export const plannedIds = (plan: InstallPlan): string[] => [
  ...plan.demo.flatMap((record) => [record.id, auditIdOf(createKeyOf(record.id), 1)]),
  ...plan.counters.map((doc) => doc._id!),
  plan.roles._id!,
  plan.version._id!,
  plan.appDoc._id!,
];

/**
 * The documents of an install, pure: demo references resolved (users mapped to roles, relative
 * dates from `now`), computed fields computed and the records checked by the table's rules (a
 * refusal names the record and field), auto-numbers numbered in pack order with their counters
 * set to the last number.
 */
export function planInstall(input: InstallPlanInput): InstallPlan {
  const { platform, app, pack, actor, now } = input;
  const firstOf = (list: readonly string[] | undefined) => list?.[0];
  const resolved = input.demo
    ? resolveDemo(app, pack.demo, {
        recordId: (table, key) => demoRecordId(app.id, table, key),
        user: (role) => firstOf(input.roles[role]?.users) ?? actor,
        department: (role) => firstOf(input.roles[role]?.departments),
        now,
      })
    : { records: [], issues: [] };
  if (resolved.issues.length > 0) {
    throw new PackRefusal(400, 'pack_invalid', resolved.issues[0]!.message, resolved.issues);
  }
  const counters = new Map<string, NewDocument<object> & { value: number }>();
  const at = new Date(now);
  const user = { id: actor, name: actor, department: '', roles: [] as string[] };
  const demo: (NewRecord & { readonly id: string })[] = [];
  for (const record of resolved.records) {
    const table = app.tables.find((one) => one.id === record.table)!;
    const target = { app, version: input.appVersion, table };
    const values = checked(platform, target, record.id, record.values, { now, user });
    demo.push({
      target,
      id: record.id,
      by: { id: actor },
      values: asPrepared(numbered(platform, app.id, table, values, at, input.timeZone, counters)),
    });
  }
  return {
    demo,
    demoRecords: resolved.records.length,
    counters: [...counters.values()],
    roles: {
      _id: appRolesId(app.id),
      type: APP_ROLES_TYPE,
      schemaVersion: 1,
      app: app.id,
      roles: input.roles,
      rows: pack.rows ?? {},
      updatedAt: now,
      updatedBy: actor,
    },
    version: {
      _id: versionDocId(app.id, input.appVersion),
      type: 'appversion',
      schemaVersion: 1,
      app: app.id,
      version: input.appVersion,
      definition: app,
      publishedAt: now,
      publishedBy: actor,
      note: `${pack.name} ${pack.version}`,
    },
    appDoc: {
      _id: appDocId(app.id),
      type: 'app',
      schemaVersion: 1,
      appId: app.id,
      draft: app,
      latestVersion: input.appVersion,
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
      updatedBy: actor,
      pack: { name: pack.name, version: pack.version },
    },
  };
}

/** A demo record's values as the platform would store them; a refusal names record and field. */
function checked(
  platform: Platform,
  target: PublishedTable,
  id: string,
  values: Readonly<Record<string, unknown>>,
  context: Parameters<typeof systemValues>[3],
): PreparedValues {
  try {
    return systemValues(platform, target, values, context);
  } catch (error) {
    if (!(error instanceof InvalidSystemWrite)) throw error;
    const first = error.issues[0]!;
    throw new PackRefusal(
      400,
      'pack_invalid',
      {
        en: `demo record "${id}" of table "${target.table.id}" is invalid: ${first.path}: ${first.message.en}`,
        'zh-CN': `表“${target.table.id}”的示例记录“${id}”无效：${first.path}：${first.message['zh-CN']}`,
      },
      error.issues,
    );
  }
}

/** Numbers the empty auto-number fields of a demo record from counters kept in `counters`. */
function numbered(
  platform: Platform,
  appId: string,
  table: TableDefinition,
  values: Record<string, unknown>,
  at: Date,
  timeZone: string,
  counters: Map<string, NewDocument<object> & { value: number }>,
): Record<string, unknown> {
  const out = { ...values };
  for (const field of table.fields) {
    const sequence = platform.fieldTypes.get(field.type)?.sequence as
      | FieldSequenceHooks<unknown>
      | undefined;
    if (!sequence || out[field.id] !== undefined) continue;
    const typed = { ...field, config: field.config ?? {} } as FieldDefinition & FieldOf<unknown>;
    const key = sequence.counterKey(typed, at, timeZone);
    const id = counterId(appId, table.id, field.id, key);
    const counter = counters.get(id) ?? {
      _id: id,
      type: COUNTER_TYPE,
      schemaVersion: 1,
      app: appId,
      table: table.id,
      field: field.id,
      key,
      value: 0,
    };
    counter.value += 1;
    counters.set(id, counter);
    out[field.id] = sequence.format(typed, at, counter.value, timeZone);
  }
  return out;
}
