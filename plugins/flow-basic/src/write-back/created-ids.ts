import type { FlowDefinition, FlowNode } from '@tessera/core';
import type { FlowInstance, OwedEffect } from '@tessera/runtime/flow';
import type { WriteBackConfigValue } from './write-back-config.ts';
import { writeBackNode } from './write-back-node.ts';
import { MAX_FOR_EACH } from './write-back-variables.ts';

/**
 * The key of the record an effect makes (a create write-back's, a sub-flow's child): the
 * instance and the effect, so a retry finds it. The record's id is made from it by the platform.
 */
export const effectRecordKey = (instance: string, effect: string) =>
  `${instance}-${effect.slice(effect.lastIndexOf('.') + 1)}`;

export const forEachRecordId = (base: string, index: number) => `${base}-${index}`;

export interface CreatedLookups {
  /** The record id of an effect's key (the platform's `records.idFor`). */
  idFor(key: string): string;
  /** How many items an owed forEach effect goes over (its values are still on the instance). */
  itemsOf(effect: OwedEffect): number;
  exists(id: string): Promise<boolean>;
}

const writeBack = (flow: FlowDefinition, id: string | undefined) =>
  flow.nodes.find((node) => node.id === id && node.type === writeBackNode.type) as
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
    const base = lookups.idFor(effectRecordKey(instance.id, entry.effect));
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
