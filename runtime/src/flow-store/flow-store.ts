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
  type InstanceDocument,
  instanceDocId,
  toDocument,
} from './instance-document.ts';
import { writeProjections } from './projections.ts';

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
  get(id: string): Promise<FlowInstance | undefined>;
  /** Applies what an instance still owes (after a crash between commit and apply). */
  rollForward(id: string): Promise<void>;
}

const notFound = (id: string) =>
  new FlowError('task.notFound', {
    en: `flow instance "${id}" does not exist`,
    'zh-CN': `流程实例“${id}”不存在`,
  });

export function createFlowStore(options: FlowStoreOptions): FlowStore {
  const { storage } = options;
  const appliers = options.appliers ?? {};
  const retries = options.retries ?? 8;

  async function settleOwed(instance: FlowInstance, owed: readonly OwedEffect[]) {
    const done: string[] = [];
    for (const effect of owed) {
      const applier = appliers[effect.type];
      if (!applier) continue;
      await applier.apply(effect, instance);
      done.push(effect.id);
    }
    if (done.length === 0) return;
    await storage.mutate<InstanceDocument>(instanceDocId(instance.id), (current) => ({
      ...current,
      owed: current.owed.filter((one) => !done.includes(one.id)),
    }));
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
      await storage.create(toDocument(result.instance));
      await writeProjections(storage, result.instance, result.effects, undefined);
      return result;
    },

    async act(flow, id, command, context) {
      for (let attempt = 0; ; attempt += 1) {
        const doc = await storage.get<InstanceDocument>(instanceDocId(id));
        if (!doc) throw notFound(id);
        const before = fromDocument(doc);
        const ctx = typeof context === 'function' ? context(before) : context;
        const result = applyCommand(flow, before, command, ctx);
        if (result.replayed) {
          // the first try may have died between the commit and these writes
          await writeProjections(storage, before, [], before, true);
          if (before.owed.length > 0) await settleOwed(before, before.owed);
          return result;
        }
        const owed = newlyOwed(result);
        const reserved = await reserveAll(result.instance, owed);
        try {
          await storage.update({
            ...toDocument(result.instance),
            _rev: doc._rev,
          } as Stored<InstanceDocument>);
        } catch (error) {
          await releaseAll(result.instance, reserved);
          if (error instanceof ConflictError && attempt < retries) continue;
          throw error;
        }
        await writeProjections(storage, result.instance, result.effects, before);
        if (owed.length > 0) await settleOwed(result.instance, owed);
        return result;
      }
    },

    async get(id) {
      const doc = await storage.get<InstanceDocument>(instanceDocId(id));
      return doc ? fromDocument(doc) : undefined;
    },

    async rollForward(id) {
      const doc = await storage.get<InstanceDocument>(instanceDocId(id));
      if (!doc) throw notFound(id);
      const instance = fromDocument(doc);
      if (instance.owed.length > 0) await settleOwed(instance, instance.owed);
    },
  };
}
