import type { FieldDefinition, FieldOf, FieldSequenceHooks, Platform } from '@tessera/core';
import { ConflictError, type StoragePort } from '@tessera/runtime';
import type { PublishedTable } from './published-apps.ts';

export const COUNTER_TYPE = 'counter';

interface CounterFields {
  readonly type: typeof COUNTER_TYPE;
  readonly schemaVersion: 1;
  readonly app: string;
  readonly table: string;
  readonly field: string;
  readonly key: string;
  readonly value: number;
}

/** Racing writers on one counter re-read and retry this often before a 409 (other servers too). */
const RETRIES = 60;

/** One counter document per field and period: `counter:<app>:<table>:<field>:<key>`. */
export const counterId = (app: string, table: string, field: string, key: string) =>
  `counter:${app}:${table}:${field}:${key}`;

/**
 * Draws the next number of one counter with compare-and-swap on its document, so two servers
 * never hand out the same number. The first draw creates the counter at 1; a lost race to
 * create it falls back to incrementing the winner's.
 */
async function drawNext(storage: StoragePort, counter: Omit<CounterFields, 'value'>, id: string) {
  try {
    await storage.create<CounterFields>({ _id: id, ...counter, value: 1 });
    return 1;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  let drawn = 0;
  await storage.mutate<CounterFields>(
    id,
    (current) => {
      drawn = current.value + 1;
      return { ...current, value: drawn };
    },
    { retries: RETRIES },
  );
  return drawn;
}

/** Draws of this process, one at a time per counter, so its own requests do not collide. */
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(id: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(id) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => undefined);
  queues.set(id, settled);
  void settled.then(() => {
    if (queues.get(id) === settled) queues.delete(id);
  });
  return run;
}

/** The counter a number is drawn from: one per app, table, field (or other series) and period. */
export type CounterKey = Pick<CounterFields, 'app' | 'table' | 'field' | 'key'>;

/**
 * Draws the next number of any counter (receipt numbers use it with a series name that is not
 * a field id, so they never meet an auto-number's counter).
 */
export function drawCounter(storage: StoragePort, counter: CounterKey): Promise<number> {
  const id = counterId(counter.app, counter.table, counter.field, counter.key);
  return serialised(id, () =>
    drawNext(storage, { type: COUNTER_TYPE, schemaVersion: 1, ...counter }, id),
  );
}

/**
 * Fills each empty field whose type numbers from a counter (auto-number) with the next number
 * of its counter for `now` (in `timeZone`). Runs after validation, so a refused record uses
 * no number; a write that fails afterwards leaves a gap, never a duplicate.
 */
export async function drawNumbers(
  storage: StoragePort,
  platform: Platform,
  target: PublishedTable,
  values: Record<string, unknown>,
  at: { readonly now: string; readonly timeZone: string },
): Promise<Record<string, unknown>> {
  const date = new Date(at.now);
  const out = { ...values };
  for (const field of target.table.fields) {
    const sequence = platform.fieldTypes.get(field.type)?.sequence as
      | FieldSequenceHooks<unknown>
      | undefined;
    if (!sequence || out[field.id] !== undefined) continue;
    const typed = { ...field, config: field.config ?? {} } as FieldDefinition & FieldOf<unknown>;
    const key = sequence.counterKey(typed, date, at.timeZone);
    const id = counterId(target.app.id, target.table.id, field.id, key);
    const seq = await serialised(id, () =>
      drawNext(
        storage,
        {
          type: COUNTER_TYPE,
          schemaVersion: 1,
          app: target.app.id,
          table: target.table.id,
          field: field.id,
          key,
        },
        id,
      ),
    );
    out[field.id] = sequence.format(typed, date, seq, at.timeZone);
  }
  return out;
}
