import type { FlowCommand } from '../flow/commands.ts';
import type { FlowEffect } from '../flow/effects.ts';
import { applyCommand, createInstance, type FlowResult, type NewInstance } from '../flow/engine.ts';
import { FlowError } from '../flow/flow-error.ts';
import type { FlowContext } from '../flow/flow-step.ts';
import type { FlowInstance, OwedEffect } from '../flow/instance.ts';
import type { PreparedFlow } from '../flow/prepare-flow.ts';
import { ConflictError, type StoragePort, type Stored } from '../storage/storage-port.ts';
import {
  fromDocument,
  INSTANCE_TYPE,
  INSTANCES_OWING,
  type InstanceDocument,
  instanceDocId,
  toDocument,
} from './instance-document.ts';
import { projectionsOf, projectionWriter } from './projections.ts';
import { WrittenCache } from './written-cache.ts';

/**
 * Applies one kind of owed effect (a write-back, a sub-flow start) to its target. `reserve`
 * runs before the instance is committed and may refuse the command (a guard that fails);
 * `apply` runs after, exactly once in effect (the target remembers the effect id); `release`
 * undoes a reservation when the commit lost a race (decision 11).
 */
export interface OwedApplier {
  reserve?(owed: OwedEffect, instance: FlowInstance): Promise<void>;
  apply(owed: OwedEffect, instance: FlowInstance): Promise<void>;
  release?(owed: OwedEffect, instance: FlowInstance): Promise<void>;
}

export interface FlowStoreOptions {
  readonly storage: StoragePort;
  readonly appliers?: Partial<Record<OwedEffect['type'], OwedApplier>>;
  /** How often a command is re-run on a fresh read after losing a race (default 8). */
  readonly retries?: number;
  /**
   * Told when a committed command's owed effects could not all be applied yet: the command
   * stands (its answer says so) and the effects stay owed for `rollForward` (the sweeper).
   */
  readonly onUnsettled?: (instance: string, error: unknown) => void;
}

export interface FlowStore {
  create(flow: PreparedFlow, init: NewInstance, context: FlowContext): Promise<FlowResult>;
  /**
   * Runs a command against the stored instance and commits it with compare-and-swap; on a
   * lost race it reads again and re-runs, so the command applies to the winner's state (and
   * may then be refused: the task was already handled). A known key changes nothing.
   */
  act(
    flow: PreparedFlow,
    id: string,
    command: FlowCommand,
    context: FlowContext | ((instance: FlowInstance) => FlowContext),
  ): Promise<FlowResult>;
  /** The stored instance, read afresh; a following `act` on it starts from this read. */
  get(id: string): Promise<FlowInstance | undefined>;
  /**
   * Applies what an instance still owes (after a crash between commit and apply, or an apply
   * that failed); rejects with the first failure, leaving it and the effects after it owed.
   */
  rollForward(id: string): Promise<void>;
  /** Ids of instances that still owe effects, at most `limit` (through an index). */
  owing(limit?: number): Promise<string[]>;
}

/** Compare-and-swap tries when striking applied effects off an instance others may write. */
const SETTLE_RETRIES = 20;

const notFound = (id: string) =>
  new FlowError('task.notFound', {
    en: `flow instance "${id}" does not exist`,
    'zh-CN': `流程实例“${id}”不存在`,
  });

export function createFlowStore(options: FlowStoreOptions): FlowStore {
  const { storage } = options;
  const appliers = options.appliers ?? {};
  const retries = options.retries ?? 8;
  const onUnsettled =
    options.onUnsettled ??
    ((id: string, error: unknown) =>
      console.error(`flow instance ${id}: owed effects left for the sweeper: ${String(error)}`));
  // what this process wrote or read last: a command reads its instance from here and the
  // revision check of the write tells whether another server changed it since (then it reads again)
  const written = new WrittenCache<Stored<InstanceDocument>>();
  const projections = projectionWriter(storage, new WrittenCache<string>());

  const read = async (id: string, fresh: boolean) => {
    const known = fresh ? undefined : written.get(instanceDocId(id));
    if (known) return { doc: known, cached: true };
    const doc = await storage.get<InstanceDocument>(instanceDocId(id));
    if (!doc) throw notFound(id);
    return { doc, cached: false };
  };

  /**
   * Applies owed effects in order (a later one may name what an earlier one created); stops at
   * the first that fails, and strikes the applied ones off the instance. Rejects with the
   * failure: what is left stays owed, with `owes` set, for the sweeper.
   */
  async function settleOwed(instance: FlowInstance, owed: readonly OwedEffect[]) {
    const done = new Set<string>();
    let failure: unknown;
    for (const effect of owed) {
      const applier = appliers[effect.type];
      if (!applier) continue;
      try {
        await applier.apply(effect, instance);
      } catch (error) {
        failure = error;
        break;
      }
      done.add(effect.id);
    }
    if (done.size > 0) {
      written.delete(instanceDocId(instance.id));
      await storage.mutate<InstanceDocument>(
        instanceDocId(instance.id),
        (current) => {
          const left = current.owed.filter((one) => !done.has(one.id));
          const { owes: _owes, ...rest } = current;
          return { ...rest, owed: left, ...(left.length > 0 ? { owes: true as const } : {}) };
        },
        { retries: SETTLE_RETRIES },
      );
    }
    if (failure !== undefined) throw failure;
  }

  /** After a commit: the command stands whatever happens to its effects (they stay owed). */
  async function settleCommitted(instance: FlowInstance, owed: readonly OwedEffect[]) {
    try {
      await settleOwed(instance, owed);
    } catch (error) {
      onUnsettled(instance.id, error);
    }
  }

  async function reserveAll(instance: FlowInstance, owed: readonly OwedEffect[]) {
    const reserved: OwedEffect[] = [];
    try {
      for (const effect of owed) {
        const applier = appliers[effect.type];
        if (!applier?.reserve) continue;
        await applier.reserve(effect, instance);
        reserved.push(effect);
      }
    } catch (error) {
      await releaseAll(instance, reserved);
      throw error;
    }
    return reserved;
  }

  async function releaseAll(instance: FlowInstance, reserved: readonly OwedEffect[]) {
    for (const effect of reserved) await appliers[effect.type]?.release?.(effect, instance);
  }

  const newlyOwed = (result: FlowResult) =>
    result.effects.flatMap((effect: FlowEffect) =>
      'kind' in effect && effect.kind === 'owed'
        ? result.instance.owed.filter((one) => one.id === effect.id)
        : [],
    );

  return {
    async create(flow, init, context) {
      const result = createInstance(flow, init, context);
      const doc = toDocument(result.instance);
      const derived = projectionsOf(result.instance, result.effects, undefined);
      // the instance, its draft entry and any timer in one write (one batch when embedded)
      const [made, ...rest] = await storage.createMany<object>([
        doc,
        ...derived.fresh,
        ...derived.timers,
      ]);
      if (!made || made instanceof ConflictError) throw made ?? new ConflictError(doc._id!);
      written.set(doc._id!, { ...doc, _rev: made.rev } as Stored<InstanceDocument>);
      for (const [index, entry] of derived.fresh.entries())
        projections.remember(entry._id!, rest[index]);
      return result;
    },

    async act(flow, id, command, context) {
      let fresh = false;
      for (let attempt = 0; ; attempt += 1) {
        const { doc, cached } = await read(id, fresh);
        const before = fromDocument(doc);
        const ctx = typeof context === 'function' ? context(before) : context;
        let result: FlowResult;
        try {
          result = applyCommand(flow, before, command, ctx);
        } catch (error) {
          // a refusal decided on what this process wrote last is checked on a fresh read
          if (cached && error instanceof FlowError) {
            fresh = true;
            continue;
          }
          throw error;
        }
        if (result.replayed) {
          // the first try may have died between the commit and these writes
          await projections.write(projectionsOf(before, [], before, true));
          if (before.owed.length > 0) await settleCommitted(before, before.owed);
          return result;
        }
        const owed = newlyOwed(result);
        const reserved = await reserveAll(result.instance, owed);
        const next = { ...toDocument(result.instance), _rev: doc._rev } as Stored<InstanceDocument>;
        try {
          const { rev } = await storage.update(next);
          written.set(next._id, { ...next, _rev: rev });
        } catch (error) {
          await releaseAll(result.instance, reserved);
          written.delete(next._id);
          fresh = true;
          if (error instanceof ConflictError && attempt < retries) continue;
          throw error;
        }
        await projections.write(projectionsOf(result.instance, result.effects, before));
        if (owed.length > 0) await settleCommitted(result.instance, owed);
        return result;
      }
    },

    async get(id) {
      const doc = await storage.get<InstanceDocument>(instanceDocId(id));
      if (!doc) return undefined;
      // a command that read the instance to decide on it then commits from this copy (no
      // second read); the revision check of its write still catches a change made since
      written.set(doc._id, doc);
      return fromDocument(doc);
    },

    async rollForward(id) {
      const doc = await storage.get<InstanceDocument>(instanceDocId(id));
      if (!doc) throw notFound(id);
      const instance = fromDocument(doc);
      if (instance.owed.length > 0) await settleOwed(instance, instance.owed);
    },

    async owing(limit = 100) {
      const page = await storage.find<InstanceDocument>({
        index: INSTANCES_OWING,
        selector: { type: INSTANCE_TYPE, owes: true },
        limit,
        fields: ['_id'],
      });
      return page.docs.map((doc) => doc._id.slice(INSTANCE_TYPE.length + 1));
    },
  };
}
