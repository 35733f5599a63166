import {
  type AppDefinition,
  type Bilingual,
  type FlowNode,
  type Platform,
  pointer,
} from '@tessera/core';
import {
  forEachItems,
  planWriteBack,
  type WriteBackConfigValue,
  type WriteBackInput,
  writeBackRecordId,
} from '@tessera/plugin-flow-basic';
import { ConflictError, NotFoundError, type Stored } from '@tessera/runtime';
import type { FlowInstance, OwedEffect } from '@tessera/runtime/flow';
import {
  type InstanceDocument,
  instanceDocId,
  type OwedApplier,
} from '@tessera/runtime/flow-store';
import { appendAudit } from '../audit/audit-entry.ts';
import { ApiError } from '../http/api-error.ts';
import { computeValues } from '../records/computed-values.ts';
import type { PublishedApps } from '../records/published-apps.ts';
import { RECORD_TYPE, type RecordFields, recordView } from '../records/record-document.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { createdIds, createdRecordId, forEachRecordId } from './write-back-created.ts';
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

type Target = Stored<RecordFields & WriteBackMarks>;

type WriteBackNode = FlowNode & { readonly config: WriteBackConfigValue };
type Current = (values: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Who computed fields see as `currentUser` when a flow, not a person, writes. */
const SYSTEM_USER = { id: 'system', name: 'system', department: '', roles: [] } as const;

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

export interface WriteBackContext extends StoreContext {
  readonly platform: Platform;
  readonly published: PublishedApps;
}

const refusal = (
  status: 409 | 422,
  code: string,
  node: string,
  text: { en: string; 'zh-CN': string },
  path = '',
) => new ApiError(status, code, text, pointer('/nodes', node, ...path.split('/').filter(Boolean)));

/** Write-backs (回写) applied to records of another table, guarded on the target itself. */
export function writeBackApplier(context: WriteBackContext): OwedApplier {
  const { storage, platform, published } = context;

  const setting = async (
    instance: Pick<FlowInstance, 'app' | 'version' | 'flow'>,
    nodeId: string,
  ) => {
    const app: AppDefinition = (await published.version(instance.app, instance.version)).definition;
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
        now: isoNow(context),
        user: 'system',
        ...(created === undefined ? {} : { created }),
      });
    /** The target's values with its computed fields worked out again (what guards see). */
    const current = (values: Readonly<Record<string, unknown>>) =>
      computeValues(platform, { app, version: instance.version, table: target }, values, {
        now: isoNow(context),
        user: SYSTEM_USER,
      });
    return { app, flow, node, target, input, current };
  };

  /** `created` for an effect's expressions, worked out only when they name it. */
  const createdFor = async (owed: OwedEffect, instance: FlowInstance) => {
    const { app, flow, node } = await setting(instance, owed.node);
    if (!namesCreated(node.config)) return undefined;
    return createdIds(instance, flow, owed.id, {
      itemsOf: (earlier) => {
        const one = flow.nodes.find((each) => each.id === earlier.node) as WriteBackNode;
        const scope = { platform, app, from: flow.table };
        const items = forEachItems(
          writeBackInput({
            ...scope,
            config: one.config,
            values: earlier.values,
            now: isoNow(context),
            user: 'system',
          }),
          forEachEnvironment(scope),
        );
        return items.ok ? items.items.length : 0;
      },
      exists: async (id) => (await storage.get(id)) !== undefined,
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
    const now = Date.parse(isoNow(context));
    const kept: Reservation[] = [];
    for (const held of doc.flowReservations ?? []) {
      if (now - Date.parse(held.at) < STALE_MS) kept.push(held);
      else {
        const owner = await storage.get<InstanceDocument>(instanceDocId(held.instance));
        if (owner?.owed.some((one) => one.id === held.effect)) kept.push(held);
      }
    }
    return kept;
  };

  const recordIdOf = (node: FlowNode, input: Omit<WriteBackInput, 'target'>) => {
    const id = writeBackRecordId(input);
    if (id) return id;
    throw refusal(
      422,
      'write_back_no_record',
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
      422,
      'write_back_invalid',
      node.id,
      {
        en: `the write-back at node "${node.id}" would store an invalid ${table} record${item}: ${first.path}: ${first.message.en}`,
        'zh-CN': `节点“${node.id}”的回写将产生无效的 ${table} 记录${zhItem}：${first.path}：${first.message['zh-CN']}`,
      },
      `/config/mapping${first.path}`,
    );
  };

  const planRefusal = (node: FlowNode, plan: { code: string; message: Bilingual; field: string }) =>
    refusal(
      plan.code === 'write-back.guard' ? 409 : 422,
      plan.code.replace(/[.-]/g, '_'),
      node.id,
      plan.message,
      plan.field,
    );

  /**
   * The records a create write-back makes, each with its id: one, or one per forEach item
   * (`-<index>` added). `strict` (at reservation) refuses the first that fails or is invalid;
   * otherwise (applying what was reserved) such an item is left out.
   */
  const planCreates = async (owed: OwedEffect, instance: FlowInstance, strict: boolean) => {
    const { app, flow, node, target, input, current } = await setting(instance, owed.node);
    const base = input(owed.values, node.config, await createdFor(owed, instance));
    const id = createdRecordId(instance.id, owed.id);
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
      const values = current(plan.values);
      if (strict) validated(app, node, target.id, values, items === undefined ? undefined : index);
      made.push({ id: items === undefined ? id : forEachRecordId(id, index), values });
    }
    return made;
  };

  const applyCreate = async (owed: OwedEffect, instance: FlowInstance) => {
    const { app, target } = await setting(instance, owed.node);
    const now = isoNow(context);
    for (const { id, values } of await planCreates(owed, instance, false)) {
      const fields: RecordFields & WriteBackMarks = {
        type: RECORD_TYPE,
        schemaVersion: 1,
        app: app.id,
        table: target.id,
        appVersion: instance.version,
        values,
        createdAt: now,
        createdBy: instance.initiator,
        updatedAt: now,
        updatedBy: instance.initiator,
        flowEffects: [owed.id],
      };
      try {
        const written = await storage.create<RecordFields>({ _id: id, ...fields });
        const stored = { _id: id, _rev: written.rev, ...fields };
        await appendAudit(storage, {
          actor: 'system',
          action: 'record.create',
          subject: { id, type: RECORD_TYPE },
          app: app.id,
          table: target.id,
          key: `${id}@1`,
          order: 1,
          after: recordView(stored),
        });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // made by an earlier try
      }
    }
  };

  /**
   * Compare-and-swap with async work in between: the storage's `mutate` reads, lets `decide`
   * (which may read other documents) choose, and writes with the revision read, trying again
   * after a conflict. Many approvals against one ledger line all get through this way. Answers
   * the document before and after the write that landed; undefined when `decide` wrote nothing.
   */
  const swap = async (
    id: string,
    decide: (doc: Target) => Promise<Target | undefined>,
  ): Promise<{ before: Target; after: Target } | undefined> => {
    let last: { before: Target; after: Target } | undefined;
    const written = await storage.mutate<RecordFields & WriteBackMarks>(
      id,
      async (doc) => {
        const next = await decide(doc);
        last = next && { before: doc, after: next };
        return next;
      },
      SWAP,
    );
    return written && last && { before: last.before, after: { ...last.after, _rev: written.rev } };
  };

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
        at: isoNow(context),
      };
      try {
        await swap(recordId, async (doc) => {
          if (doc.type !== RECORD_TYPE || doc.table !== target.id)
            throw new NotFoundError(recordId);
          if (doc.flowEffects?.includes(owed.id)) return undefined;
          const held = await live(doc);
          if (held.some((one) => one.effect === owed.id)) return undefined;
          const plan = planWriteBack({
            ...base,
            target: await pending({ ...doc, flowReservations: held }, current),
          });
          if (!plan.ok) throw planRefusal(node, plan);
          validated(app, node, target.id, current(plan.values));
          return { ...doc, flowReservations: [...held, reservation] };
        });
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw refusal(
            422,
            'write_back_no_record',
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
      const created = await createdFor(owed, instance);
      const recordId = recordIdOf(node, input(owed.values, node.config, created));
      const now = isoNow(context);
      // the guard held when reserved; applying adds this change to the record as it is now
      const unguarded = input(owed.values, { ...node.config, guard: undefined }, created);
      const changed = await swap(recordId, async (doc) => {
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
        if (!plan.ok) return { ...doc, ...marks };
        return {
          ...doc,
          values: current(plan.values),
          updatedAt: now,
          updatedBy: 'system',
          ...marks,
        };
      });
      if (!changed || changed.before.values === changed.after.values) return;
      await appendAudit(storage, {
        actor: 'system',
        action: 'record.update',
        subject: { id: recordId, type: RECORD_TYPE },
        app: app.id,
        table: target.id,
        key: `${recordId}@${changed.after._rev}`,
        order: Number.parseInt(changed.after._rev, 10),
        before: recordView(changed.before),
        after: recordView(changed.after),
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
              ...doc,
              flowReservations: doc.flowReservations.filter((one) => one.effect !== owed.id),
            }
          : undefined,
      ).catch((error) => {
        if (!(error instanceof NotFoundError)) throw error;
      });
    },
  };
}
