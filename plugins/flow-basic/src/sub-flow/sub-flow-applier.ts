import { type Bilingual, pointer } from '@tessera/core';
import { FlowError, type FlowInstance, type OwedEffect } from '@tessera/runtime/flow';
import type { EffectDefinition, EffectPorts, OwedApplier } from '@tessera/runtime/flow-store';
import { planWriteBack } from '../write-back/plan-write-back.ts';
import { writeBackInput } from '../write-back/write-back-input.ts';
import type { SubFlowConfigValue } from './sub-flow-config.ts';

/**
 * 子流程: starts the child item the parent owes — a record of the child flow's table from the
 * mapping, checked like every record the platform writes, its instance linked to the parent's
 * token — and submits it as the parent's drafter. A mapping the child's table refuses refuses
 * the parent's command (422 naming the node and the field) before anything is written.
 */
export const subFlowEffect: EffectDefinition = {
  type: 'startSubflow',
  applier: (ports) => subFlowApplier(ports),
};

function subFlowApplier(ports: EffectPorts): OwedApplier {
  const { platform, records } = ports;

  /** The child flow, its table and the values its record starts with, from the mapping. */
  const childOf = async (owed: OwedEffect, parent: FlowInstance) => {
    const app = await ports.definition(parent.app, parent.version);
    const parentFlow = app.flows?.find((one) => one.id === parent.flow);
    const config = parentFlow?.nodes.find((one) => one.id === owed.node)?.config as
      | SubFlowConfigValue
      | undefined;
    const child = app.flows?.find((one) => one.id === config?.flow);
    const table = app.tables.find((one) => one.id === child?.table);
    if (!parentFlow || !config || !table) return undefined;
    const plan = planWriteBack(
      writeBackInput({
        platform,
        app,
        from: parentFlow.table,
        config: { target: table.id, mode: 'create', mapping: config.mapping ?? {} },
        values: owed.values,
        now: ports.now(),
        user: parent.initiator,
      }),
    );
    return { flow: config.flow, target: { app, version: parent.version, table }, plan };
  };

  return {
    async reserve(owed, parent) {
      const found = await childOf(owed, parent);
      if (!found) return;
      if (!found.plan.ok) throw refusal(owed.node, found.plan.message, found.plan.field);
      const first = records.issues(found.target, found.plan.values)[0];
      if (first === undefined) return;
      const table = found.target.table.id;
      throw refusal(
        owed.node,
        {
          en: `the sub-flow at node "${owed.node}" would start an invalid ${table} record: ${first.path}: ${first.message.en}`,
          'zh-CN': `节点“${owed.node}”的子流程将产生无效的 ${table} 记录：${first.path}：${first.message['zh-CN']}`,
        },
        `/config/mapping${first.path}`,
      );
    },

    async apply(owed, parent) {
      const found = await childOf(owed, parent);
      if (!found) return;
      await ports.startChild({
        parent,
        effect: owed,
        flow: found.flow,
        values: found.plan.ok ? found.plan.values : {},
      });
    },
  };
}

const refusal = (node: string, text: Bilingual, path = '') =>
  new FlowError(
    'subflow.invalid',
    text,
    pointer('/nodes', node, ...path.split('/').filter(Boolean)),
  );
