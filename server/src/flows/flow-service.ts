import { checkFieldRights, type Locale, nodeFieldRights, type Platform } from '@tessera/core';
import { ConflictError } from '@tessera/runtime';
import type { Choices, FlowCommand, PersonCommand } from '@tessera/runtime/flow';
import {
  applyCommand,
  createInstance,
  FlowError,
  type Organisation,
  type PreparedFlow,
} from '@tessera/runtime/flow';
import { createFlowStore, type EffectPorts, type FlowStore } from '@tessera/runtime/flow-store';
import { ApiError } from '../http/api-error.ts';
import { EFFECTS } from '../platform/installed-plugins.ts';
import type { RecordCaller } from '../records/caller.ts';
import type { PreparedValues } from '../records/prepared-values.ts';
import { type PublishedApps, publishedApps } from '../records/published-apps.ts';
import { RECORD_TYPE, type RecordDocument } from '../records/record-document.ts';
import { invalidValues } from '../records/record-errors.ts';
import type { RecordService, RecordsContext } from '../records/record-service.ts';
import { isoNow } from '../storage/store-context.ts';
import { callerKey } from './caller-key.ts';
import { effectPorts } from './effect-ports.ts';
import { asApiErrors } from './flow-errors.ts';
import { announce } from './flow-events.ts';
import { callerNode, type FlowItemView, flowItemView } from './flow-item-view.ts';
import { recordOfView, type Situation, situationLoader } from './flow-situation.ts';
import { checkItemAccess } from './item-access.ts';
import { loadOrganisation, snapshotServes } from './organisation-snapshot.ts';
import { preparedFlow } from './prepared-flows.ts';

export interface StartInput {
  readonly values: Readonly<Record<string, unknown>>;
  /** Submit at once (default) or keep it as a draft (待发). */
  readonly submit?: boolean;
  readonly opinion?: string;
  readonly choose?: Choices;
}

/** A person's command as the API takes it; `values` edits the record first (with `rev`). */
export type CommandInput = PersonCommand extends infer C
  ? C extends PersonCommand
    ? Omit<C, 'actor' | 'key'> & {
        readonly values?: Readonly<Record<string, unknown>>;
        readonly rev?: string;
      }
    : never
  : never;

export interface FlowService {
  readonly store: FlowStore;
  start(
    appId: string,
    flowId: string,
    input: StartInput,
    caller: RecordCaller,
    /** `trusted`: the server made the caller (a public form's submitter; no app role needed). */
    options: { key?: string; locale: Locale; trusted?: boolean },
  ): Promise<FlowItemView>;
  /**
   * A person's command, authorised as a read of the item (404 when they may not see it).
   * `key`: their Idempotency-Key or outbox id, remembered under their own id.
   */
  act(
    id: string,
    input: CommandInput,
    caller: RecordCaller,
    options: { key?: string; locale: Locale },
  ): Promise<FlowItemView>;
  view(id: string, caller: RecordCaller): Promise<FlowItemView>;
  /** A command of the clock, of a finished sub-flow, or the platform acting for a drafter. */
  system(id: string, command: FlowCommand): Promise<void>;
  /**
   * Finishes a start cut off after its record was stored (a kill before the instance): the item
   * is made as the initiator's draft (待发), to submit or delete. False when nothing was owed.
   */
  finishStart(record: RecordDocument): Promise<boolean>;
}

export interface FlowsContext extends RecordsContext {
  readonly records: RecordService;
  /** Published versions, when the caller shares its cache (else the service keeps its own). */
  readonly published?: PublishedApps;
}

/** Each installed effect's applier, by the type of effect it settles. */
const appliersOf = (ports: EffectPorts) =>
  Object.fromEntries(EFFECTS.map((effect) => [effect.type, effect.applier(ports)]));

const itemIdOf = (recordId: string) => recordId.slice(RECORD_TYPE.length + 1);

/**
 * Flow items (流程事项): a flow-table record plus its instance. Starting creates the record
 * through the record service (validation, numbers, audit) and the instance beside it;
 * commands run the pure engine through the flow store, then announce what happened.
 */
export function createFlowService(context: FlowsContext): FlowService {
  const { storage, platform } = context as { storage: FlowsContext['storage']; platform: Platform };
  const published = context.published ?? publishedApps(storage);
  let service: FlowService;
  const store: FlowStore = createFlowStore({
    storage,
    appliers: appliersOf(effectPorts({ ...context, published, flows: () => service })),
  });

  const load = situationLoader({ context, platform, published, store });

  /** The item as it is now, if the caller may see it; else the 404 of an item that is not. */
  const seen = async (id: string, caller: RecordCaller) => {
    const item = await load.item(id);
    await checkItemAccess(storage, caller, item.instance, item.record);
    return item;
  };

  /** Stores the instance of a start's record, as a draft; undefined when a replayed or racing start made it. */
  const createItem = async (
    flow: PreparedFlow,
    record: Pick<RecordDocument, '_id' | 'app' | 'appVersion' | 'values'>,
    initiator: string,
    organisation: Organisation,
  ) => {
    try {
      const made = await store.create(
        flow,
        { id: itemIdOf(record._id), version: record.appVersion, record: record._id, initiator },
        { now: isoNow(context), values: record.values, organisation },
      );
      return made.instance;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // made by a replayed or racing start
      return undefined;
    }
  };

  /** The organisation a new item of `flow` is decided over. */
  const organisationOf = (
    flow: PreparedFlow,
    initiator: string,
    values: Readonly<Record<string, unknown>>,
  ) => loadOrganisation(context, { app: flow.app.id, flow: flow.flow, initiator, values });

  /**
   * A start's dry run, before its record is stored: an item its flow would refuse (nobody to
   * assign …) is not stored. Answers the snapshot it decided on, for the item to keep.
   */
  const dryRunStart = async (
    flow: PreparedFlow,
    version: number,
    values: PreparedValues,
    submit: PersonCommand,
  ) => {
    const initiator = submit.actor;
    const organisation = await organisationOf(flow, initiator, values);
    const dry = { now: isoNow(context), values, organisation };
    await asApiErrors(async () => {
      const draft = createInstance(
        flow,
        { id: 'dry-run', version, record: 'dry-run', initiator },
        dry,
      );
      applyCommand(flow, draft.instance, submit, dry);
    });
    return { values, organisation };
  };

  /** Commits a command on the situation it was decided on, then announces what happened. */
  const commit = async (situation: Situation, command: FlowCommand) => {
    const { app, flow, record, organisation } = situation;
    const result = await asApiErrors(() =>
      store.act(flow, situation.instance.id, command, {
        now: isoNow(context),
        values: record.values,
        organisation,
      }),
    );
    if (!result.replayed)
      await announce(context, {
        app,
        flow,
        instance: result.instance,
        effects: result.effects,
        record,
        service,
      });
    return result;
  };

  /**
   * Edits that come with a command: only fields the caller's node may change (节点权限).
   * Answers the record as the edit stored it, which the command then commits with.
   */
  const edit = async (
    situation: Situation,
    input: CommandInput & { readonly values: Readonly<Record<string, unknown>> },
    caller: RecordCaller,
    locale: Locale,
  ): Promise<RecordDocument> => {
    const { instance, app, flow, record } = situation;
    const task = callerNode(instance, caller.userId);
    if (!task)
      throw new FlowError(
        'task.notYours',
        {
          en: 'you hold no open task on this item to edit it with',
          'zh-CN': '您在此事项上没有可编辑的待办',
        },
        '/values',
      );
    const form = app.forms?.find((one) => one.id === flow.flow.form) ?? {};
    const rights = nodeFieldRights(form, task.node, task.node === flow.start.id ? 'edit' : 'read');
    const issues = checkFieldRights(rights, record.values, { ...record.values, ...input.values });
    if (issues.length > 0)
      throw invalidValues(
        issues.map((one) => ({ ...one, path: one.path.replace(/^\/values/, '') })),
        locale,
      );
    if (input.rev === undefined) {
      throw new ApiError(
        400,
        'invalid_body',
        {
          en: 'send the record revision you read as rev with values',
          'zh-CN': '修改数据时请附带读取时的记录版本 rev',
        },
        '/rev',
      );
    }
    const stored = await context.records.update(
      instance.app,
      flow.flow.table,
      instance.record,
      { rev: input.rev, values: input.values },
      caller,
      locale,
      { trusted: true, form: { id: flow.flow.form, rights } },
    );
    return { ...record, ...recordOfView(stored) };
  };

  service = {
    store,

    async start(appId, flowId, input, caller, options) {
      const version = await published.latest(appId);
      const flow = preparedFlow(platform, version.definition, flowId);
      const form = version.definition.forms?.find((one) => one.id === flow.flow.form) ?? {};
      const issues = checkFieldRights(
        nodeFieldRights(form, flow.start.id, 'edit'),
        {},
        input.values,
      );
      if (issues.length > 0)
        throw invalidValues(
          issues.map((one) => ({ ...one, path: one.path.replace(/^\/values/, '') })),
          options.locale,
        );
      // the values are worked out through the flow's form, with the start node's rights
      const startForm = {
        id: flow.flow.form,
        rights: nodeFieldRights(form, flow.start.id, 'edit'),
      };
      const submit = {
        type: 'submit' as const,
        actor: caller.userId,
        key: 'start:submit',
        ...(input.opinion ? { opinion: input.opinion } : {}),
        ...(input.choose ? { choose: input.choose } : {}),
      };
      const startKey =
        options.key === undefined ? undefined : `flow-start:${flowId}:${options.key}`;
      const checked =
        input.submit === false
          ? undefined
          : await dryRunStart(
              flow,
              version.version,
              await context.records.prepare(appId, flow.flow.table, input.values, caller, {
                locale: options.locale,
                form: startForm,
                ...(startKey === undefined ? {} : { idempotencyKey: startKey }),
              }),
              submit,
            );
      const created = await context.records.create(appId, flow.flow.table, input.values, caller, {
        locale: options.locale,
        form: startForm,
        // worked out once: the dry run decided on the values that are stored
        ...(checked === undefined ? {} : { prepared: checked.values }),
        ...(options.trusted ? { trusted: true } : {}),
        startedFlow: flowId,
        // the record service keeps the key under the caller's id: nobody else's start answers
        ...(startKey === undefined ? {} : { idempotencyKey: startKey }),
      });
      const record: RecordDocument = { ...recordOfView(created.record), startedFlow: flowId };
      const id = itemIdOf(record._id);
      // one snapshot per start: the dry run's, unless storing changed whom the values name
      const loadedFor =
        checked && snapshotServes(flow.flow, checked.values, record.values)
          ? checked
          : {
              values: record.values,
              organisation: await organisationOf(flow, caller.userId, record.values),
            };
      const made = await createItem(flow, record, caller.userId, loadedFor.organisation);
      if (!made) {
        // a replayed or racing start made the item: go on from it as stored
        if (input.submit === false) return this.view(id, caller);
        const stored = await load.situation(await load.item(id));
        const result = await commit(stored, submit);
        return flowItemView(stored.app, flow, result.instance, stored.record, caller.userId);
      }
      if (input.submit === false) {
        await checkItemAccess(storage, caller, made, record); // a draft: its drafter's alone
        return flowItemView(version.definition, flow, made, record, caller.userId);
      }
      const situation: Situation = {
        instance: made,
        app: version.definition,
        flow,
        record,
        organisation: loadedFor.organisation,
        loadedFor: { values: loadedFor.values, users: [] },
      };
      const result = await commit(situation, submit);
      return flowItemView(situation.app, flow, result.instance, record, caller.userId);
    },

    async act(id, input, caller, options) {
      // authorised as a read, before any part of the command is tried or its refusal told
      const item = await seen(id, caller);
      const { values, rev, ...rest } = input as CommandInput & { values?: unknown; rev?: unknown };
      const command = {
        ...rest,
        actor: caller.userId,
        ...(options.key === undefined ? {} : { key: callerKey(caller.userId, options.key) }),
      } as PersonCommand;
      const users = [
        ...('to' in command && typeof command.to === 'string' ? [command.to] : []),
        ...('users' in command && Array.isArray(command.users) ? command.users : []),
      ];
      let situation = await load.situation(item, users);
      if (input.values !== undefined) {
        // a dry run first: edits are saved only for a command the flow would accept
        const { flow, instance, record, organisation } = situation;
        await asApiErrors(async () =>
          applyCommand(flow, instance, command, {
            now: isoNow(context),
            values: record.values,
            organisation,
          }),
        );
        const edits = { ...input, values: input.values };
        const edited = await asApiErrors(() => edit(situation, edits, caller, options.locale));
        situation = await load.edited(situation, edited);
      }
      const result = await commit(situation, command);
      const { app, flow, record } = situation;
      // the answer is a read of the item as the command left it, held to the same rule
      await checkItemAccess(storage, caller, result.instance, record);
      return flowItemView(app, flow, result.instance, record, caller.userId);
    },

    async view(id, caller) {
      const { instance, app, flow, record } = await seen(id, caller);
      return flowItemView(app, flow, instance, record, caller.userId);
    },

    async system(id, command) {
      await commit(await load.situation(await load.item(id)), command);
    },

    async finishStart(record) {
      if (record.startedFlow === undefined) return false;
      if (await store.get(itemIdOf(record._id))) return false;
      // the flow as the record's version has it: the start ran against that version
      const version = await published.version(record.app, record.appVersion);
      const flow = preparedFlow(platform, version.definition, record.startedFlow);
      const organisation = await organisationOf(flow, record.createdBy, record.values);
      return (await createItem(flow, record, record.createdBy, organisation)) !== undefined;
    },
  };
  return service;
}
