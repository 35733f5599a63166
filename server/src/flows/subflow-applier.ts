import type { AppDefinition, Platform } from '@tessera/core';
import { planWriteBack, type SubFlowConfigValue } from '@tessera/plugin-flow-basic';
import { ConflictError } from '@tessera/runtime';
import type { FlowCommand, FlowInstance, OwedEffect } from '@tessera/runtime/flow';
import type { FlowStore, OwedApplier } from '@tessera/runtime/flow-store';
import type { PublishedApps } from '../records/published-apps.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { loadOrganisation } from './organisation-snapshot.ts';
import { preparedFlow } from './prepared-flows.ts';
import { writeBackInput } from './write-back-input.ts';

export interface SubflowContext extends StoreContext {
  readonly platform: Platform;
  readonly published: PublishedApps;
  /** The flow service, known once it is made (it owns the store this applier serves). */
  flows(): { readonly store: FlowStore; system(id: string, command: FlowCommand): Promise<void> };
}

/**
 * 子流程: starts the child item the parent owes — a record of the child flow's table from the
 * mapping, its instance linked to the parent's token — and submits it as the parent's drafter.
 * Ids come from the effect, so a retry starts nothing twice.
 */
export function subflowApplier(context: SubflowContext): OwedApplier {
  const { storage, platform, published } = context;
  return {
    async apply(owed: OwedEffect, parent: FlowInstance) {
      const app: AppDefinition = (await published.version(parent.app, parent.version)).definition;
      const parentFlow = app.flows?.find((one) => one.id === parent.flow);
      const config = parentFlow?.nodes.find((one) => one.id === owed.node)?.config as
        | SubFlowConfigValue
        | undefined;
      if (!parentFlow || !config) return;
      const child = preparedFlow(platform, app, config.flow);
      const table = app.tables.find((one) => one.id === child.flow.table)!;
      const plan = planWriteBack(
        writeBackInput({
          platform,
          app,
          from: parentFlow.table,
          config: { target: table.id, mode: 'create', mapping: config.mapping ?? {} },
          values: owed.values,
          now: isoNow(context),
          user: parent.initiator,
        }),
      );
      const values = plan.ok ? plan.values : {};
      const id = `${parent.id}-${owed.id.slice(owed.id.lastIndexOf('.') + 1)}`;
      const now = isoNow(context);
      const record: RecordFields = {
        type: RECORD_TYPE,
        schemaVersion: 1,
        app: app.id,
        table: table.id,
        appVersion: parent.version,
        values,
        createdAt: now,
        createdBy: parent.initiator,
        updatedAt: now,
        updatedBy: parent.initiator,
      };
      try {
        await storage.create({ _id: `${RECORD_TYPE}:${id}`, ...record });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      const flows = context.flows();
      const organisation = await loadOrganisation(context, {
        app: app.id,
        flow: child.flow,
        initiator: parent.initiator,
        values,
      });
      try {
        await flows.store.create(
          child,
          {
            id,
            version: parent.version,
            record: `${RECORD_TYPE}:${id}`,
            initiator: parent.initiator,
            parent: { instance: parent.id, token: tokenOf(parent, owed), effect: owed.id },
          },
          { now, values, organisation },
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      await flows.system(id, {
        type: 'submit',
        actor: parent.initiator,
        key: 'subflow:submit',
      } as never);
    },
  };
}

/** The parent token waiting on this effect (a sub-flow that does not wait has none left). */
function tokenOf(parent: FlowInstance, owed: OwedEffect): string {
  const waiting = parent.tokens.find(
    (token) => token.wait?.kind === 'subflow' && token.wait.effect === owed.id,
  );
  return waiting?.id ?? '';
}
