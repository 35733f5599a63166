import type { FlowEffect } from '../flow/effects.ts';
import type { FlowInstance } from '../flow/instance.ts';
import {
  ConflictError,
  type NewDocument,
  type StoragePort,
  type Stored,
} from '../storage/storage-port.ts';
import { type InboxEntry, submittedEntry, taskEntry } from './inbox-documents.ts';
import { type TimerEntry, timerEntry } from './timer-documents.ts';

type Entry = NewDocument<InboxEntry> | NewDocument<TimerEntry>;

/** Creates the documents, or overwrites those that exist with the given content. */
async function upsert(storage: StoragePort, docs: readonly NewDocument<InboxEntry>[]) {
  if (docs.length === 0) return;
  const results = await storage.createMany<InboxEntry>(docs);
  await Promise.all(
    results.map((result, index) =>
      result instanceof ConflictError
        ? storage.mutate<InboxEntry>(
            docs[index]!._id!,
            (current) =>
              ({
                ...(docs[index] as InboxEntry),
                _id: current._id,
                _rev: current._rev,
              }) as Stored<InboxEntry>,
          )
        : undefined,
    ),
  );
}

/**
 * The documents derived from an instance after a command: the inbox entries of the tasks it
 * touched (and the drafter's 已发 entry when the status changed), and the timers it scheduled.
 * Each is written from the instance's state, so writing again gives the same result.
 */
export async function writeProjections(
  storage: StoragePort,
  instance: FlowInstance,
  effects: readonly FlowEffect[],
  before: FlowInstance | undefined,
  /** Rewrite every task's entry, not only those the effects touched (a retried command). */
  all = false,
) {
  const touched = new Set<string>(all ? instance.tasks.map((task) => task.id) : []);
  const timers: Entry[] = [];
  for (const effect of effects) {
    if (effect.type === 'task.created' || effect.type === 'task.closed')
      touched.add(effect.task.id);
    if (effect.type === 'schedule')
      timers.push(timerEntry(instance, effect.id, effect.at, effect.command));
  }
  const inbox = instance.tasks
    .filter((task) => touched.has(task.id))
    .map((task) => taskEntry(instance, task));
  if (instance.submittedAt && before?.status !== instance.status)
    inbox.push(submittedEntry(instance));
  // the deadline and overdue marks change without opening or closing a task
  for (const task of instance.tasks) {
    const old = before?.tasks.find((one) => one.id === task.id);
    if (old && !touched.has(task.id) && old.overdue !== task.overdue)
      inbox.push(taskEntry(instance, task));
  }
  await Promise.all([
    upsert(storage, inbox),
    timers.length > 0 ? storage.createMany(timers) : undefined,
  ]);
}
