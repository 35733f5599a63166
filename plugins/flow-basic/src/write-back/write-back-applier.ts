import { type AppDefinition, type Bilingual, type FlowNode, pointer } from '@tessera/core';
import { NotFoundError } from '@tessera/runtime';
import { FlowError, type FlowInstance, type OwedEffect } from '@tessera/runtime/flow';
import type {
  EffectDefinition,
  EffectPorts,
  EffectRecord,
  OwedApplier,
  RecordChange,
} from '@tessera/runtime/flow-store';
import { createdIds, effectRecordKey, forEachRecordId } from './created-ids.ts';
import { forEachItems } from './for-each-items.ts';
import { planWriteBack, type WriteBackInput, writeBackRecordId } from './plan-write-back.ts';
import type { WriteBackConfigValue } from './write-back-config.ts';
import { forEachEnvironment, writeBackInput } from './write-back-input.ts';

/** A write-back held on its target record between the guard check and the completion's commit. */
export interface Reservation {
  readonly effect: string;
  readonly instance: string;
  readonly node: string;
  readonly version: number;
  readonly flow: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** What `created` held when reserved, so the pending view plans it the same way. */
  readonly created?: WriteBackInput['created'];
  readonly at: string;
}

/** The record fields a write-back target carries besides its values (decision 11). */
export interface WriteBackMarks {
  readonly flowReservations?: readonly Reservation[];
  /** The last effects applied to it, so a replayed effect changes nothing. */
  readonly flowEffects?: readonly string[];
}

type Target = EffectRecord<WriteBackMarks>;

type WriteBackRefusal =
  | 'write-back.guard'
  | 'write-back.invalid'
  | 'write-back.no-record'
  | 'write-back.no-target'
  | 'write-back.too-many'
  | 'write-back.expression';

type WriteBackNode = FlowNode & { readonly config: WriteBackConfigValue };
type Current = (values: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Whether any of a write-back's expressions names `created` (worked out only then). */
const namesCreated = (config: WriteBackConfigValue) =>
  /\bcreated\b/.test(
    [config.forEach, config.recordId, config.guard?.rule, ...Object.values(config.mapping)].join(
      '\n',
    ),
  );

/** How long a reservation may wait for its instance's commit before it is checked for a crash. */
const STALE_MS = 60_000;
const REMEMBERED_EFFECTS = 200;
/**
 * Compare-and-swap retries on one target before a reservation answers 409 (an apply stays
 * owed), each after a random pause of up to min(50, 2^retry) ms so racing writers spread out.
 */
const SWAP = { retries: 60, maxPauseMs: 50 } as const;

const refusal = (code: WriteBackRefusal, node: string, text: Bilingual, path = '') =>
  new FlowError(code, text, pointer('/nodes', node, ...path.split('/').filter(Boolean)));

/** Write-backs (回写) applied to records of another table, guarded on the target itself. */
export const writeBackEffect: EffectDefinition = {
  type: 'writeBack',
  applier: (ports) => writeBackApplier(ports),
};

function writeBackApplier(ports: EffectPorts): OwedApplier {
  const { platform, records } = ports;

  const setting = async (
    instance: Pick<FlowInstance, 'app' | 'version' | 'flow'>,
    nodeId: string,
  ) => {
    const app: AppDefinition = await ports.definition(instance.app, instance.version);
    const flow = app.flows?.find((one) => one.id === instance.flow);
    const node = flow?.nodes.find((one) => one.id === nodeId) as WriteBackNode | undefined;
    if (!flow || !node)
      throw new Error(`write-back node "${nodeId}" is not in flow "${instance.flow}"`);
    const target = app.tables.find((table) => table.id === node.config.target)!;
    const input = (
      values: Readonly<Record<string, unknown>>,
      config: WriteBackConfigValue = node.config,
      created?: WriteBackInput['created'],
    ): Omit<WriteBackInput, 'target'> =>
      writeBackInput({
        platform,
        app,
        from: flow.table,
        config,
        values,
        now: ports.now(),
        user: 'system',
        ...(created === undefined ? {} : { created }),
      });
    const table = { app, version: instance.version, table: target };
    /** The target's values with its computed fields worked out again (what guards see). */
    const current = (values: Readonly<Record<string, unknown>>) => records.computed(table, values);
    return { app, flow, node, target, table, input, current };
  };

  /** `created` for an effect's expressions, worked out only when they name it. */
  const createdFor = async (owed: OwedEffect, instance: FlowInstance) => {
    const { app, flow, node } = await setting(instance, owed.node);
    if (!namesCreated(node.config)) return undefined;
    return createdIds(instance, flow, owed.id, {
      idFor: records.idFor,
      itemsOf: (earlier) => {
        const one = flow.nodes.find((each) => each.id === earlier.node) as WriteBackNode;
        const scope = { platform, app, from: flow.table };
        const items = forEachItems(
          writeBackInput({
            ...scope,
            config: one.config,
            values: earlier.values,
            now: ports.now(),
            user: 'system',
          }),
          forEachEnvironment(scope),
        );
        return items.ok ? items.items.length : 0;
      },
      exists: async (id) => (await records.get(id)) !== undefined,
    });
  };

  /**
   * The target as it will be once every pending reservation lands, guards left out, with its
   * computed fields worked out after each change (what a guard such as `target.outstanding`
   * sees).
   */
  const pending = async (doc: Target, current: Current): Promise<Record<string, unknown>> => {
    let view: Record<string, unknown> = current(doc.values);
    for (const held of doc.flowReservations ?? []) {
      const { node, input } = await setting({ app: doc.app, ...held }, held.node);
      const plan = planWriteBack({
        ...input(held.values, { ...node.config, guard: undefined }, held.created),
        target: view,
      });
      if (plan.ok) view = current(plan.values);
    }
    return view;
  };

  /** Reservations whose commit never came (a crash between reserve and commit) are dropped. */
  const live = async (doc: Target): Promise<readonly Reservation[]> => {
    const now = Date.parse(ports.now());
    const kept: Reservation[] = [];
    for (const held of doc.flowReservations ?? []) {
      if (now - Date.parse(held.at) < STALE_MS) kept.push(held);
      else {
        if (await ports.owes(held.instance, held.effect)) kept.push(held);
      }
    }
    return kept;
  };

  const recordIdOf = (node: FlowNode, input: Omit<WriteBackInput, 'target'>) => {
    const id = writeBackRecordId(input);
    if (id) return id;
    throw refusal(
      'write-back.no-record',
      node.id,
      {
        en: `the write-back at node "${node.id}" found no record to change: its recordId gave nothing`,
        'zh-CN': `节点“${node.id}”的回写找不到要修改的记录：recordId 没有结果`,
      },
      '/config/recordId',
    );
  };

  const validated = (
    app: AppDefinition,
    node: FlowNode,
    table: string,
    values: Record<string, unknown>,
    index?: number,
  ) => {
    const issues = platform.validateRecord(app, table, values);
    if (issues.length === 0) return;
    const first = issues[0]!;
    const item = index === undefined ? '' : ` (forEach item ${index})`;
    const zhItem = index === undefined ? '' : `（forEach 第 ${index} 项）`;
    throw refusal(
      'write-back.invalid',
      node.id,
      {
        en: `the write-back at node "${node.id}" would store an invalid ${table} record${item}: ${first.path}: ${first.message.en}`,
        'zh-CN': `节点“${node.id}”的回写将产生无效的 ${table} 记录${zhItem}：${first.path}：${first.message['zh-CN']}`,
      },
      `/config/mapping${first.path}`,
    );
  };

  const planRefusal = (node: FlowNode, plan: { code: string; message: Bilingual; field: string }) =>
    refusal(plan.code as WriteBackRefusal, node.id, plan.message, plan.field);

  /**
   * The records a create write-back makes, each with its id: one, or one per forEach item
   * (`-<index>` added). `strict` (at reservation) refuses the first that fails or is invalid;
   * otherwise (applying what was reserved) such an item is left out.
   */
  const planCreates = async (owed: OwedEffect, instance: FlowInstance, strict: boolean) => {
    const { app, flow, node, target, input, current } = await setting(instance, owed.node);
    const base = input(owed.values, node.config, await createdFor(owed, instance));
    const id = records.idFor(effectRecordKey(instance.id, owed.id));
    let items: readonly unknown[] | undefined;
    if (node.config.forEach !== undefined) {
      const found = forEachItems(base, forEachEnvironment({ platform, app, from: flow.table }));
      if (!found.ok) {
        if (strict) throw planRefusal(node, found);
        return [];
      }
      items = found.items;
    }
    const made: { id: string; values: Record<string, unknown> }[] = [];
    for (const [index, row] of (items ?? [undefined]).entries()) {
      const each = items === undefined ? {} : { row, index };
      const plan = planWriteBack({ ...base, ...each, target: undefined });
      if (!plan.ok) {
        if (strict) throw planRefusal(node, plan);
        continue;
      }
      // checked here when reserving; the record writer computes and checks again when storing
      if (strict) {
        const at = items === undefined ? undefined : index;
        validated(app, node, target.id, current(plan.values), at);
      }
      made.push({ id: items === undefined ? id : forEachRecordId(id, index), values: plan.values });
    }
    return made;
  };

  const applyCreate = async (owed: OwedEffect, instance: FlowInstance) => {
    const { table } = await setting(instance, owed.node);
    for (const { id, values } of await planCreates(owed, instance, false)) {
      // an id made by an earlier try is a replay: nothing is written twice
      await records.create(table, {
        id,
        values,
        by: instance.initiator,
        marks: { flowEffects: [owed.id] },
      });
    }
  };

  /**
   * Compare-and-swap through the record writer: `decide` (which may read other documents)
   * chooses from the record as stored, retried after a conflict, so many approvals against one
   * ledger line all get through. Only a change of values is logged and announced.
   */
  const swap = (
    id: string,
    decide: (doc: Target) => Promise<RecordChange<WriteBackMarks> | undefined>,
  ) => records.change<WriteBackMarks>(id, decide, SWAP);

  return {
    async reserve(owed, instance) {
      const { app, node, target, input, current } = await setting(instance, owed.node);
      if (node.config.mode === 'create') {
        await planCreates(owed, instance, true);
        return;
      }
      const created = await createdFor(owed, instance);
      const base = input(owed.values, node.config, created);
      const recordId = recordIdOf(node, base);
      const reservation: Reservation = {
        effect: owed.id,
        instance: instance.id,
        node: node.id,
        version: instance.version,
        flow: instance.flow,
        values: owed.values,
        ...(created === undefined ? {} : { created }),
        at: ports.now(),
      };
      try {
        await swap(recordId, async (doc) => {
          if (doc.table !== target.id) throw new NotFoundError(recordId);
          if (doc.flowEffects?.includes(owed.id)) return undefined;
          const held = await live(doc);
          if (held.some((one) => one.effect === owed.id)) return undefined;
          const plan = planWriteBack({
            ...base,
            target: await pending({ ...doc, flowReservations: held }, current),
          });
          if (!plan.ok) throw planRefusal(node, plan);
          validated(app, node, target.id, current(plan.values));
          return { marks: { flowReservations: [...held, reservation] } };
        });
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw refusal(
            'write-back.no-record',
            node.id,
            {
              en: `the write-back at node "${node.id}" targets ${target.id} record "${recordId}", which does not exist`,
              'zh-CN': `节点“${node.id}”回写的 ${target.id} 记录“${recordId}”不存在`,
            },
            '/config/recordId',
          );
        }
        throw error;
      }
    },

    async apply(owed, instance) {
      const { app, node, target, input, current } = await setting(instance, owed.node);
      if (node.config.mode === 'create') return applyCreate(owed, instance);
      const definitionOf = async (version: number) =>
        version === instance.version ? app : ports.definition(instance.app, version);
      const created = await createdFor(owed, instance);
      const recordId = recordIdOf(node, input(owed.values, node.config, created));
      // the guard held when reserved; applying adds this change to the record as it is now
      const unguarded = input(owed.values, { ...node.config, guard: undefined }, created);
      await swap(recordId, async (doc) => {
        if (doc.flowEffects?.includes(owed.id)) return undefined;
        // every committed change held a reservation on its target first, and applying it takes
        // the hold away: one no longer held was applied (or struck off) already, even when it has
        // dropped out of the remembered effect ids
        if (!doc.flowReservations?.some((one) => one.effect === owed.id)) return undefined;
        const plan = planWriteBack({ ...unguarded, target: current(doc.values) });
        const marks = {
          flowReservations: (doc.flowReservations ?? []).filter((one) => one.effect !== owed.id),
          flowEffects: [...(doc.flowEffects ?? []), owed.id].slice(-REMEMBERED_EFFECTS),
        };
        // a change that no longer plans (its inputs went away) is struck off with its hold
        if (!plan.ok) return { marks };
        // stored by the rules of the version the record was made with
        const made = await definitionOf(doc.appVersion);
        const table = made.tables.find((one) => one.id === target.id) ?? target;
        return {
          values: plan.values,
          target: { app: made, version: doc.appVersion, table },
          marks,
        };
      });
    },

    async release(owed, instance) {
      const { node, input } = await setting(instance, owed.node);
      if (node.config.mode === 'create') return;
      const created = await createdFor(owed, instance);
      const recordId = writeBackRecordId(input(owed.values, node.config, created));
      if (!recordId) return;
      await swap(recordId, async (doc) =>
        doc.flowReservations?.some((one) => one.effect === owed.id)
          ? {
              marks: {
                flowReservations: doc.flowReservations.filter((one) => one.effect !== owed.id),
              },
            }
          : undefined,
      ).catch((error) => {
        if (!(error instanceof NotFoundError)) throw error;
      });
    },
  };
}
