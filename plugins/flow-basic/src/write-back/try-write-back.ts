import type { Bilingual, ExpressionEnvironment } from '@tessera/core';
import { forEachItems } from './for-each-items.ts';
import {
  failed,
  planWriteBack,
  type WriteBackInput,
  type WriteBackPlan,
  writeBackRecordId,
} from './plan-write-back.ts';

type Values = Readonly<Record<string, unknown>>;

export interface WriteBackTrialInput extends Omit<WriteBackInput, 'target'> {
  /** The flow table's environment with `created` and no row: what a forEach is evaluated in. */
  readonly forEachEnvironment: ExpressionEnvironment;
  /** A target record's values as they stand, or undefined when there is no such record. */
  targetRecord(id: string): Values | undefined | Promise<Values | undefined>;
}

type Refused = Extract<WriteBackPlan, { ok: false }>;

export type WriteBackTrial =
  | {
      readonly ok: true;
      /** The record an update or increment changes. */
      readonly record?: string;
      /** The values written: a create's record(s), one per forEach item; the changed target. */
      readonly made: readonly Record<string, unknown>[];
    }
  | {
      readonly ok: false;
      readonly code: Refused['code'] | 'write-back.no-record' | 'write-back.no-target';
      readonly message: Bilingual;
      /** Relative to the node, e.g. `/config/mapping/total`. */
      readonly field: string;
    };

const RECORD_ID = '/config/recordId';

const noRecord = (): WriteBackTrial => ({
  ok: false,
  code: 'write-back.no-record',
  message: {
    en: 'recordId gave no record id, so there is no record to change',
    'zh-CN': 'recordId 没有给出记录 ID，找不到要修改的记录',
  },
  field: RECORD_ID,
});

const noTarget = (table: string, id: string): WriteBackTrial => ({
  ok: false,
  code: 'write-back.no-target',
  message: {
    en: `recordId gave ${table} record "${id}", which does not exist`,
    'zh-CN': `recordId 给出的 ${table} 记录“${id}”不存在`,
  },
  field: RECORD_ID,
});

function tryCreate(
  input: Omit<WriteBackInput, 'target'>,
  forEachEnvironment: ExpressionEnvironment,
): WriteBackTrial {
  let items: readonly unknown[] | undefined;
  if (input.config.forEach !== undefined) {
    const found = forEachItems(input, forEachEnvironment);
    if (!found.ok) return found;
    items = found.items;
  }
  const made: Record<string, unknown>[] = [];
  for (const [index, row] of (items ?? [undefined]).entries()) {
    const plan = planWriteBack(items === undefined ? input : { ...input, row, index });
    if (!plan.ok) return plan;
    made.push(plan.values);
  }
  return { ok: true, made };
}

/**
 * A write-back tried as the run tries it before committing (reserving it), with nothing
 * written: a create plans each of its records (each forEach item); an update or increment
 * finds its record through `recordId`, then checks the guard and plans the mapping against
 * it. The first thing that would refuse the run is given, naming the config field.
 */
export async function tryWriteBack(trial: WriteBackTrialInput): Promise<WriteBackTrial> {
  const { targetRecord, forEachEnvironment, ...input } = trial;
  if (input.config.mode === 'create') return tryCreate(input, forEachEnvironment);
  let record: string | undefined;
  try {
    record = writeBackRecordId(input);
  } catch (error) {
    return failed(RECORD_ID, error);
  }
  if (record === undefined) return noRecord();
  const target = await targetRecord(record);
  if (target === undefined) return noTarget(input.config.target, record);
  const plan = planWriteBack({ ...input, target });
  return plan.ok ? { ok: true, record, made: [plan.values] } : plan;
}
