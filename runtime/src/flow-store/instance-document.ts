import type { FlowInstance } from '../flow/instance.ts';
import type { IndexDefinition, NewDocument, Stored } from '../storage/storage-port.ts';

export const INSTANCE_TYPE = 'flowinstance';

/** One document per instance, so one compare-and-swap decides every race on it. */
export const instanceDocId = (id: string) => `${INSTANCE_TYPE}:${id}`;

/**
 * `owes` is present (true) exactly while the instance owes effects: a Mango index holds only
 * documents that have every indexed field, so the index below lists just the instances the
 * owed-effects sweeper has to roll forward.
 */
export type InstanceDocument = FlowInstance & {
  readonly type: typeof INSTANCE_TYPE;
  readonly owes?: true;
};

/** Instances that still owe effects (a write-back, a sub-flow start) after their commit. */
export const INSTANCES_OWING = 'flowinstances-owing';
export const OWING_INDEXES: readonly IndexDefinition[] = [
  { name: INSTANCES_OWING, fields: ['type', 'owes'] },
];

/** The document of an instance: `owes` set from its owed effects. */
export function toDocument(instance: FlowInstance): NewDocument<InstanceDocument> {
  const { owes: _stale, ...rest } = instance as FlowInstance & { owes?: unknown };
  return {
    ...rest,
    _id: instanceDocId(instance.id),
    type: INSTANCE_TYPE,
    ...(instance.owed.length > 0 ? { owes: true as const } : {}),
  };
}

/** The instance held by a stored document, without storage fields. */
export function fromDocument(doc: Stored<InstanceDocument>): FlowInstance {
  const { _id, _rev, type, owes, ...instance } = doc as Stored<InstanceDocument> &
    Record<string, unknown>;
  return instance as unknown as FlowInstance;
}
