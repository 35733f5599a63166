import type { FlowEffect } from '../flow/effects.ts';
import type { FlowInstance } from '../flow/instance.ts';
import {
  ConflictError,
  type NewDocument,
  NotFoundError,
  type StoragePort,
  type Stored,
  type WriteResult,
} from '../storage/storage-port.ts';
import { type InboxEntry, submittedEntry, taskEntry } from './inbox-documents.ts';
import { type TimerEntry, timerEntry } from './timer-documents.ts';
import type { WrittenCache } from './written-cache.ts';

/** The derived documents of one command: entries to create, entries to overwrite, timers. */
export interface Projections {
  readonly fresh: NewDocument<InboxEntry>[];
  readonly changed: NewDocument<InboxEntry>[];
  readonly timers: NewDocument<TimerEntry>[];
}

/**
 * The documents derived from an instance after a command: the inbox entries of the tasks it
 * touched (and the drafter's 已发 entry when the status changed), and the timers it scheduled.
 * Each comes from the instance's state, so writing it again gives the same result. `all`
 * rewrites every entry (a retried command, whose first try may have died before them).
 */
export function projectionsOf(
  instance: FlowInstance,
  effects: readonly FlowEffect[],
  before: FlowInstance | undefined,
  all = false,
): Projections {
  const touched = new Set<string>(all ? instance.tasks.map((task) => task.id) : []);
  const timers: NewDocument<TimerEntry>[] = [];
  for (const effect of effects) {
    if (effect.type === 'task.created' || effect.type === 'task.closed')
      touched.add(effect.task.id);
    if (effect.type === 'schedule')
      timers.push(timerEntry(instance, effect.id, effect.at, effect.command));
  }
  const known = new Set(before?.tasks.map((task) => task.id) ?? []);
  const fresh: NewDocument<InboxEntry>[] = [];
  const changed: NewDocument<InboxEntry>[] = [];
  for (const task of instance.tasks) {
    const old = before?.tasks.find((one) => one.id === task.id);
    // the overdue mark changes an entry without opening or closing its task
    const marked = old !== undefined && old.overdue !== task.overdue;
    if (!touched.has(task.id) && !marked) continue;
    (known.has(task.id) && !all ? changed : fresh).push(taskEntry(instance, task));
  }
  if (instance.submittedAt && (all || before?.status !== instance.status)) {
    (before?.submittedAt && !all ? changed : fresh).push(submittedEntry(instance));
  }
  return { fresh, changed, timers };
}

/** Writes inbox entries and timers, remembering the entries' revisions for the next overwrite. */
export function projectionWriter(storage: StoragePort, revisions: WrittenCache<string>) {
  const remember = (id: string, result: WriteResult | ConflictError | undefined) => {
    if (result && !(result instanceof ConflictError)) revisions.set(id, result.rev);
  };

  /** Overwrites an entry: with the revision this process wrote last, else read first. */
  const overwrite = async (doc: NewDocument<InboxEntry>): Promise<void> => {
    const id = doc._id!;
    const rev = revisions.get(id);
    if (rev !== undefined) {
      try {
        remember(
          id,
          await storage.update<InboxEntry>({
            ...(doc as InboxEntry),
            _id: id,
            _rev: rev,
          } as Stored<InboxEntry>),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
        revisions.delete(id); // changed elsewhere: read it
      }
    }
    try {
      remember(
        id,
        await storage.mutate<InboxEntry>(
          id,
          (current) =>
            ({ ...(doc as InboxEntry), _id: id, _rev: current._rev }) as Stored<InboxEntry>,
        ),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await create([doc]);
    }
  };

  /** Creates entries; one that exists already (a retried command) is overwritten. */
  const create = async (docs: readonly NewDocument<InboxEntry>[]) => {
    if (docs.length === 0) return;
    const results = await storage.createMany<InboxEntry>(docs);
    await Promise.all(
      results.map((result, index) => {
        const doc = docs[index]!;
        if (result instanceof ConflictError) return overwrite(doc);
        remember(doc._id!, result);
        return undefined;
      }),
    );
  };

  return {
    /** Overwrites the changed entries, creates the fresh ones and the timers. */
    async write(projections: Projections) {
      await Promise.all([
        create(projections.fresh),
        ...projections.changed.map(overwrite),
        projections.timers.length > 0 ? storage.createMany(projections.timers) : undefined,
      ]);
    },
    remember,
    overwrite,
  };
}
