import { checkFieldRights, type Locale, nodeFieldRights, type Platform } from '@tessera/core';
import { ConflictError } from '@tessera/runtime';
import type { Choices, FlowCommand, PersonCommand } from '@tessera/runtime/flow';
import { applyCommand, createInstance, FlowError, type FlowInstance } from '@tessera/runtime/flow';
import { createFlowStore, type FlowStore } from '@tessera/runtime/flow-store';
import { ApiError } from '../http/api-error.ts';
import type { RecordCaller } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { RECORD_TYPE, type RecordDocument, type RecordFields } from '../records/record-document.ts';
import { invalidValues } from '../records/record-errors.ts';
import type { RecordService, RecordsContext } from '../records/record-service.ts';
import { isoNow } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import { callerKey } from './caller-key.ts';
import { asApiErrors, itemNotFound } from './flow-errors.ts';
import { announce } from './flow-events.ts';
import { callerNode, type FlowItemView, flowItemView } from './flow-item-view.ts';
import { checkItemAccess } from './item-access.ts';
import { loadOrganisation } from './organisation-snapshot.ts';
import { preparedFlow } from './prepared-flows.ts';
import { subflowApplier } from './subflow-applier.ts';
import { writeBackApplier } from './write-back-applier.ts';

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
}

const itemIdOf = (recordId: string) => recordId.slice(RECORD_TYPE.length + 1);

/**
 * Flow items (流程事项): a flow-table record plus its instance. Starting creates the record
 * through the record service (validation, numbers, audit) and the instance beside it;
 * commands run the pure engine through the flow store, then announce what happened.
 */
export function createFlowService(context: FlowsContext): FlowService {
  const { storage, platform } = context as { storage: FlowsContext['storage']; platform: Platform };
  const published = publishedApps(storage);
  let service: FlowService;
  const store: FlowStore = createFlowStore({
    storage,
    appliers: {
      writeBack: writeBackApplier({ ...context, published }),
      startSubflow: subflowApplier({ ...context, published, flows: () => service }),
    },
  });

  const loaded = async (id: string) => {
    const instance = await store.get(id);
    if (!instance) throw itemNotFound(id);
    const version = await published.version(instance.app, instance.version);
    return {
      instance,
      app: version.definition,
      flow: preparedFlow(platform, version.definition, instance.flow),
    };
  };

  const recordOf = async (instance: FlowInstance) => {
    const record = await readTyped<RecordFields>(storage, instance.record, RECORD_TYPE);
    if (!record) throw itemNotFound(instance.id);
    return record;
  };

  /** The item as it is now, if the caller may see it; else the 404 of an item that is not. */
  const seen = async (id: string, caller: RecordCaller) => {
    const { instance, app, flow } = await loaded(id);
    const record = await recordOf(instance);
    await checkItemAccess(storage, caller, instance, record);
    return { instance, app, flow, record };
  };

  /** The item with its record and the organisation as they are now: what a command runs on. */
  const situation = async (id: string, users: readonly string[] = []) => {
    const { instance, app, flow } = await loaded(id);
    const record = await recordOf(instance);
    const organisation = await loadOrganisation(context, {
      app: instance.app,
      flow: flow.flow,
      initiator: instance.initiator,
      values: record.values,
      users,
    });
    return { instance, app, flow, record, organisation };
  };

  /** Stores the instance of a start's record, as a draft; a second try changes nothing. */
  const createItem = async (
    flow: ReturnType<typeof preparedFlow>,
    record: Pick<RecordDocument, '_id' | 'app' | 'appVersion' | 'values'>,
    initiator: string,
  ) => {
    const organisation = await loadOrganisation(context, {
      app: record.app,
      flow: flow.flow,
      initiator,
      values: record.values,
    });
    try {
      await store.create(
        flow,
        { id: itemIdOf(record._id), version: record.appVersion, record: record._id, initiator },
        { now: isoNow(context), values: record.values, organisation },
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // made by a replayed or racing start
      return false;
    }
  };

  /** Runs a command on the item as it is now, then announces what happened. */
  const run = async (id: string, command: FlowCommand, users: readonly string[] = []) => {
    const { app, flow, record, organisation } = await situation(id, users);
    const result = await asApiErrors(() =>
      store.act(flow, id, command, { now: isoNow(context), values: record.values, organisation }),
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
    return { result, app, flow, record };
  };

  /** Edits that come with a command: only fields the caller's node may change (节点权限). */
  const edit = async (id: string, input: CommandInput, caller: RecordCaller, locale: Locale) => {
    if (!input.values) return;
    const { instance, app, flow } = await loaded(id);
    const record = await recordOf(instance);
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
    await context.records.update(
      instance.app,
      flow.flow.table,
      instance.record,
      { rev: input.rev, values: input.values },
      caller,
      locale,
      { trusted: true, form: { id: flow.flow.form, rights } },
    );
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
      if (input.submit !== false) {
        // a dry run first: an item its flow would refuse (nobody to assign …) is not stored
        const now = isoNow(context);
        const values = await context.records.prepare(appId, flow.flow.table, input.values, caller, {
          locale: options.locale,
          form: startForm,
        });
        const organisation = await loadOrganisation(context, {
          app: appId,
          flow: flow.flow,
          initiator: caller.userId,
          values,
        });
        const dry = { now, values, organisation };
        await asApiErrors(async () => {
          const draft = createInstance(
            flow,
            {
              id: 'dry-run',
              version: version.version,
              record: 'dry-run',
              initiator: caller.userId,
            },
            dry,
          );
          applyCommand(flow, draft.instance, submit, dry);
        });
      }
      const created = await context.records.create(appId, flow.flow.table, input.values, caller, {
        locale: options.locale,
        form: startForm,
        ...(options.trusted ? { trusted: true } : {}),
        startedFlow: flowId,
        // the record service keeps the key under the caller's id: nobody else's start answers
        ...(options.key === undefined
          ? {}
          : { idempotencyKey: `flow-start:${flowId}:${options.key}` }),
      });
      const id = itemIdOf(created.record.id);
      await createItem(flow, { _id: created.record.id, ...created.record }, caller.userId);
      if (input.submit === false) return this.view(id, caller);
      const done = await run(id, submit);
      return flowItemView(done.app, done.flow, done.result.instance, done.record, caller.userId);
    },

    async act(id, input, caller, options) {
      // authorised as a read, before any part of the command is tried or its refusal told
      await seen(id, caller);
      const { values, rev, ...rest } = input as CommandInput & { values?: unknown; rev?: unknown };
      const command = {
        ...rest,
        actor: caller.userId,
        ...(options.key === undefined ? {} : { key: callerKey(caller.userId, options.key) }),
      } as PersonCommand;
      if (values !== undefined) {
        // a dry run first: edits are saved only for a command the flow would accept
        const { instance, flow, record, organisation } = await situation(id);
        await asApiErrors(async () =>
          applyCommand(flow, instance, command, {
            now: isoNow(context),
            values: record.values,
            organisation,
          }),
        );
        await asApiErrors(() => edit(id, input, caller, options.locale));
      }
      const users = [
        ...('to' in command && typeof command.to === 'string' ? [command.to] : []),
        ...('users' in command && Array.isArray(command.users) ? command.users : []),
      ];
      const done = await run(id, command, users);
      // the answer is a read of the item as the command left it, held to the same rule
      await checkItemAccess(storage, caller, done.result.instance, done.record);
      return flowItemView(done.app, done.flow, done.result.instance, done.record, caller.userId);
    },

    async view(id, caller) {
      const { instance, app, flow, record } = await seen(id, caller);
      return flowItemView(app, flow, instance, record, caller.userId);
    },

    async system(id, command) {
      await run(id, command);
    },

    async finishStart(record) {
      if (record.startedFlow === undefined) return false;
      if (await store.get(itemIdOf(record._id))) return false;
      // the flow as the record's version has it: the start ran against that version
      const version = await published.version(record.app, record.appVersion);
      const flow = preparedFlow(platform, version.definition, record.startedFlow);
      return createItem(flow, record, record.createdBy);
    },
  };
  return service;
}
