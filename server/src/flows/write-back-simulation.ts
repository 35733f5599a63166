import { type AppDefinition, type Bilingual, type Platform, pointer } from '@tessera/core';
import {
  effectRecordKey,
  forEachEnvironment,
  forEachRecordId,
  tryWriteBack,
  type WriteBackConfigValue,
  type WriteBackInput,
  writeBackInput,
} from '@tessera/plugin-flow-basic';
import type { SimulationFinding, SimulationResult } from '@tessera/runtime/flow';
import { computeValues } from '../records/computed-values.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';

type Values = Readonly<Record<string, unknown>>;

/** What a write-back would write, evaluated on the sample and the target as it stands. */
export interface WriteBackPreview {
  readonly node: string;
  readonly target: string;
  readonly mode: string;
  readonly record?: string;
  /** The record written (a create without forEach, an update, an increment). */
  readonly values?: Record<string, unknown>;
  /** A forEach create: one record per item. */
  readonly records?: readonly Record<string, unknown>[];
  readonly refused?: { readonly code: string; readonly message: Bilingual };
}

/** The id `simulate` gives its instance, which names the records its creates would make. */
const SIMULATED_INSTANCE = 'simulation';
/** Who the expressions see as `currentUser` when a flow writes, as when the run applies it. */
const SYSTEM_USER = { id: 'system', name: 'system', department: '', roles: [] } as const;

const found = (node: string, code: string, field: string, text: Bilingual): SimulationFinding => ({
  code,
  field: pointer('/nodes', node, ...field.split('/').filter(Boolean)),
  message: {
    en: `the write-back at node "${node}" would fail: ${text.en}`,
    'zh-CN': `节点“${node}”的回写将会失败：${text['zh-CN']}`,
  },
});

export interface WriteBackSimulation {
  readonly platform: Platform;
  readonly app: AppDefinition;
  /** The flow's table, whose record the expressions read. */
  readonly from: string;
  readonly now: string;
}

/**
 * Tries each write-back a simulation owes, in order, as the run reserves it: the same
 * expression environment, the values it was owed with, `created` naming the records the
 * earlier simulated creates would make, the target record as stored (or as an earlier
 * simulated write-back left it) with its computed fields, and the written record validated
 * against its table. Reads only. Whatever would refuse the run is a finding naming the node
 * and the config field; the previews show what each would write.
 */
export async function simulateWriteBacks(
  context: StoreContext,
  scope: WriteBackSimulation,
  writeBacks: SimulationResult['writeBacks'],
): Promise<{ previews: WriteBackPreview[]; findings: SimulationFinding[] }> {
  const { platform, app, from, now } = scope;
  const previews: WriteBackPreview[] = [];
  const findings: SimulationFinding[] = [];
  /** Records the earlier simulated write-backs made or changed, by id. */
  const written = new Map<string, Record<string, unknown>>();
  const created: Record<string, string | string[]> = {};
  for (const owed of writeBacks) {
    const config = owed.config as WriteBackConfigValue;
    const table = app.tables.find((one) => one.id === config.target)!;
    const current = (values: Values) =>
      computeValues(platform, { app, version: 0, table }, values, { now, user: SYSTEM_USER });
    const input: Omit<WriteBackInput, 'target'> = writeBackInput({
      platform,
      app,
      from,
      config,
      values: owed.values,
      now,
      user: SYSTEM_USER.id,
      created: { ...created },
    });
    const trial = await tryWriteBack({
      ...input,
      forEachEnvironment: forEachEnvironment({ platform, app, from }),
      targetRecord: async (id) => {
        const earlier = written.get(id);
        if (earlier) return earlier;
        const doc = await readTyped<RecordFields>(context.storage, id, RECORD_TYPE);
        return doc?.table === table.id ? current(doc.values) : undefined;
      },
    });
    const head = { node: owed.node, target: config.target, mode: config.mode };
    if (!trial.ok) {
      findings.push(found(owed.node, trial.code, trial.field, trial.message));
      previews.push({ ...head, refused: { code: trial.code, message: trial.message } });
      continue;
    }
    const made = trial.made.map(current);
    const invalid = made
      .map((values, index) => ({ index, issue: platform.validateRecord(app, table.id, values)[0] }))
      .find((one) => one.issue);
    if (invalid?.issue) {
      const { issue, index } = invalid;
      const item = config.forEach === undefined ? '' : ` (forEach item ${index})`;
      const zhItem = config.forEach === undefined ? '' : `（forEach 第 ${index} 项）`;
      const message = {
        en: `it would store an invalid ${table.id} record${item}: ${issue.path}: ${issue.message.en}`,
        'zh-CN': `将产生无效的 ${table.id} 记录${zhItem}：${issue.path}：${issue.message['zh-CN']}`,
      };
      findings.push(
        found(owed.node, 'write-back.invalid', `/config/mapping${issue.path}`, message),
      );
      previews.push({ ...head, refused: { code: 'write-back.invalid', message } });
      continue;
    }
    if (trial.record !== undefined) {
      written.set(trial.record, made[0]!);
      previews.push({ ...head, record: trial.record, values: made[0]! });
      continue;
    }
    const id = `${RECORD_TYPE}:${effectRecordKey(SIMULATED_INSTANCE, owed.effect)}`;
    if (config.forEach === undefined) {
      written.set(id, made[0]!);
      created[owed.node] = id;
      previews.push({ ...head, values: made[0]! });
      continue;
    }
    const ids = made.map((values, index) => {
      written.set(forEachRecordId(id, index), values);
      return forEachRecordId(id, index);
    });
    created[owed.node] = ids;
    previews.push({ ...head, records: made });
  }
  return { previews, findings };
}
