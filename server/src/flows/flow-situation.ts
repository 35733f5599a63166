import type { AppDefinition, Platform } from '@tessera/core';
import type { FlowInstance, Organisation, PreparedFlow } from '@tessera/runtime/flow';
import type { FlowStore } from '@tessera/runtime/flow-store';
import type { PublishedApps } from '../records/published-apps.ts';
import {
  RECORD_TYPE,
  type RecordDocument,
  type RecordFields,
  type RecordView,
} from '../records/record-document.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import { itemNotFound } from './flow-errors.ts';
import { loadOrganisation, snapshotServes } from './organisation-snapshot.ts';
import { preparedFlow } from './prepared-flows.ts';

/** A flow item as read for one request: its instance, the version it runs and its record. */
export interface FlowItem {
  readonly instance: FlowInstance;
  readonly app: AppDefinition;
  readonly flow: PreparedFlow;
  readonly record: RecordDocument;
}

/**
 * What a command runs on: the item and the organisation around it, loaded once and handed
 * from the dry run through the edit to the commit.
 */
export interface Situation extends FlowItem {
  readonly organisation: Organisation;
  /** The values and users the organisation was loaded for (an edit may need more). */
  readonly loadedFor: { readonly values: RecordDocument['values']; readonly users: string[] };
}

export interface SituationLoader {
  /** The item as stored now (404 when it is not). */
  item(id: string): Promise<FlowItem>;
  /** The item with its organisation; `users` are the ones a command names (transfer to …). */
  situation(item: FlowItem, users?: readonly string[]): Promise<Situation>;
  /** The situation once an edit stored `record`: a new snapshot only if the edit named someone new. */
  edited(situation: Situation, record: RecordDocument): Promise<Situation>;
}

/**
 * The stored record an answer of the record service shows (`records.create` / `update`), so
 * a command goes on with what it wrote rather than reading it back. `startedFlow` is not shown.
 */
export function recordOfView(view: RecordView): RecordDocument {
  const { id, ...fields } = view;
  return { ...fields, _id: id, type: RECORD_TYPE, schemaVersion: 1 };
}

export function situationLoader(deps: {
  readonly context: StoreContext;
  readonly platform: Platform;
  readonly published: PublishedApps;
  readonly store: FlowStore;
}): SituationLoader {
  const { context, platform, published, store } = deps;
  const situation = async (item: FlowItem, users: readonly string[] = []): Promise<Situation> => {
    const loadedFor = { values: item.record.values, users: [...users] };
    const { instance, flow } = item;
    const organisation = await loadOrganisation(context, {
      app: instance.app,
      flow: flow.flow,
      initiator: instance.initiator,
      ...loadedFor,
    });
    return { ...item, organisation, loadedFor };
  };
  return {
    async item(id) {
      const instance = await store.get(id);
      if (!instance) throw itemNotFound(id);
      const version = await published.version(instance.app, instance.version);
      const record = await readTyped<RecordFields>(context.storage, instance.record, RECORD_TYPE);
      if (!record) throw itemNotFound(id);
      const flow = preparedFlow(platform, version.definition, instance.flow);
      return { instance, app: version.definition, flow, record };
    },

    situation,

    async edited(current, record) {
      const { flow, loadedFor } = current;
      if (snapshotServes(flow.flow, loadedFor.values, record.values)) {
        return { ...current, record };
      }
      return situation({ ...current, record }, loadedFor.users);
    },
  };
}
