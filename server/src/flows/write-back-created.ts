import type { FlowDefinition, FlowNode } from '@tessera/core';
import { MAX_FOR_EACH, type WriteBackConfigValue } from '@tessera/plugin-flow-basic';
import type { FlowInstance, OwedEffect } from '@tessera/runtime/flow';
import { RECORD_TYPE } from '../records/record-document.ts';

/** The id of the record a create write-back's effect makes (a forEach adds `-<index>`). */
export const createdRecordId = (instance: string, effect: string) =>
  `${RECORD_TYPE}:${instance}-${effect.slice(effect.lastIndexOf('.') + 1)}`;

export const forEachRecordId = (base: string, index: number) => `${base}-${index}`;

export interface CreatedLookups {
  /** How many items an owed forEach effect goes over (its values are still on the instance). */
  itemsOf(effect: OwedEffect): number;
  exists(id: string): Promise<boolean>;
}

const writeBack = (flow: FlowDefinition, id: string | undefined) =>
  flow.nodes.find((node) => node.id === id && node.type === 'write-back') as
    | (FlowNode & { readonly config: WriteBackConfigValue })
    | undefined;

/**
 * `created` of a write-back expression: node id → the id of the record the instance's create
 * write-back at that node made (a forEach node: the list of ids), for the create write-backs
 * this instance passed before `effect`. Derived from the timeline's `wroteBack` entries, which
 * name their effect: an effect still owed is applied before this one (effects apply in the
 * order owed), so its ids count too, a forEach one counted over its values; one already applied
 * has its forEach records found by their ids, which run from `-0` without gaps. A node passed
 * twice (after a return) names what it made the last time.
 */
export async function createdIds(
  instance: FlowInstance,
  flow: FlowDefinition,
  effect: string,
  lookups: CreatedLookups,
): Promise<Record<string, string | string[]>> {
  const created: Record<string, string | string[]> = {};
  for (const entry of instance.timeline) {
    if (entry.action !== 'wroteBack' || entry.effect === undefined) continue;
    if (entry.effect === effect) break;
    const node = writeBack(flow, entry.node);
    if (node?.config.mode !== 'create') continue;
    const base = createdRecordId(instance.id, entry.effect);
    if (node.config.forEach === undefined) {
      created[node.id] = base;
      continue;
    }
    const owed = instance.owed.find((one) => one.id === entry.effect);
    const ids: string[] = [];
    if (owed) {
      const count = lookups.itemsOf(owed);
      for (let index = 0; index < count; index += 1) ids.push(forEachRecordId(base, index));
    } else {
      for (let index = 0; index < MAX_FOR_EACH; index += 1) {
        const id = forEachRecordId(base, index);
        if (!(await lookups.exists(id))) break;
        ids.push(id);
      }
    }
    created[node.id] = ids;
  }
  return created;
}
