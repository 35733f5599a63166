import type { Platform } from '@tessera/core';
import { ConflictError, NotFoundError } from '@tessera/runtime';
import type { FlowCommand, FlowInstance } from '@tessera/runtime/flow';
import {
  type EffectPorts,
  type EffectRecord,
  type FlowStore,
  type InstanceDocument,
  instanceDocId,
} from '@tessera/runtime/flow-store';
import { computeValues, type ExpressionUser } from '../records/computed-values.ts';
import { InvalidSystemWrite, systemValues } from '../records/prepared-values.ts';
import type { PublishedApps } from '../records/published-apps.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import { type RecordWriter, SYSTEM_WRITER } from '../records/record-writer.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { loadOrganisation } from './organisation-snapshot.ts';
import { preparedFlow } from './prepared-flows.ts';

export interface EffectPortsContext extends StoreContext {
  readonly platform: Platform;
  readonly published: PublishedApps;
  readonly writer: RecordWriter;
  /** The flow service, known once it is made (it owns the store the effects serve). */
  flows(): { readonly store: FlowStore; system(id: string, command: FlowCommand): Promise<void> };
}

/** Who computed fields see as `currentUser` when a flow, not a person, writes. */
const userOf = (id: string): ExpressionUser => ({ id, name: id, department: '', roles: [] });
const SYSTEM_USER = userOf('system');

/**
 * The ports a flow plugin's effects reach the platform through (ADR 0035): records through the
 * record writer (values computed and checked by `systemValues`, logged, announced), published
 * definitions, the instance store, and the flow service to start a sub-flow's child item.
 */
export function effectPorts(context: EffectPortsContext): EffectPorts {
  const { storage, platform, published, writer } = context;
  const now = () => isoNow(context);
  const readRecord = async <M>(id: string) => {
    const doc = await storage.get<RecordFields>(id);
    return doc?.type === RECORD_TYPE ? (doc as unknown as EffectRecord<M>) : undefined;
  };

  const ports: EffectPorts = {
    platform,
    now,
    definition: async (app, version) => (await published.version(app, version)).definition,
    async owes(instance, effect) {
      const owner = await storage.get<InstanceDocument>(instanceDocId(instance));
      return owner?.owed.some((one) => one.id === effect) === true;
    },
    records: {
      idFor: (key) => `${RECORD_TYPE}:${key}`,
      get: readRecord,
      computed: (target, values) =>
        computeValues(platform, target, values, {
          now: now(),
          user: SYSTEM_USER,
        }),
      issues(target, values) {
        try {
          systemValues(platform, target, values, { now: now(), user: SYSTEM_USER });
          return [];
        } catch (error) {
          if (error instanceof InvalidSystemWrite) return error.issues;
          throw error;
        }
      },
      async create(target, record) {
        // a record made under this id by an earlier try is a replay: nothing is written twice
        await writer.create({
          target,
          values: systemValues(platform, target, record.values, {
            now: now(),
            user: userOf(record.by),
          }),
          by: { id: record.by },
          id: record.id,
          ...(record.marks === undefined ? {} : { marks: record.marks }),
        });
      },
      async change(id, decide, options) {
        await writer.change(
          id,
          async (doc) => {
            if (doc.type !== RECORD_TYPE) throw new NotFoundError(id);
            const change = await decide(doc as unknown as EffectRecord<never>);
            if (change === undefined) return undefined;
            if (change.values === undefined) return { marks: change.marks };
            return {
              values: systemValues(platform, change.target, change.values, {
                now: now(),
                user: SYSTEM_USER,
              }),
              ...(change.marks === undefined ? {} : { marks: change.marks }),
            };
          },
          SYSTEM_WRITER,
          options,
        );
      },
    },

    async startChild({ parent, effect, flow, values }) {
      const app = await ports.definition(parent.app, parent.version);
      const child = preparedFlow(platform, app, flow);
      const table = app.tables.find((one) => one.id === child.flow.table)!;
      const id = `${parent.id}-${effect.id.slice(effect.id.lastIndexOf('.') + 1)}`;
      const recordId = ports.records.idFor(id);
      const target = { app, version: parent.version, table };
      await ports.records.create(target, { id: recordId, values, by: parent.initiator });
      const record = await readRecord(recordId);
      const stored = record?.values ?? values;
      const flows = context.flows();
      const organisation = await loadOrganisation(context, {
        app: app.id,
        flow: child.flow,
        initiator: parent.initiator,
        values: stored,
      });
      try {
        await flows.store.create(
          child,
          {
            id,
            version: parent.version,
            record: recordId,
            initiator: parent.initiator,
            parent: { instance: parent.id, token: tokenOf(parent, effect.id), effect: effect.id },
          },
          { now: now(), values: stored, organisation },
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // made by an earlier try
      }
      await flows.system(id, {
        type: 'submit',
        actor: parent.initiator,
        key: 'subflow:submit',
      } as never);
    },
  };
  return ports;
}

/** The parent token waiting on this effect (a sub-flow that does not wait has none left). */
function tokenOf(parent: FlowInstance, effect: string): string {
  const waiting = parent.tokens.find(
    (token) => token.wait?.kind === 'subflow' && token.wait.effect === effect,
  );
  return waiting?.id ?? '';
}
