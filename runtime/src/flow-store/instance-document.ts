import type { FlowInstance } from '../flow/instance.ts';
import type { NewDocument, Stored } from '../storage/storage-port.ts';

export const INSTANCE_TYPE = 'flowinstance';

/** One document per instance, so one compare-and-swap decides every race on it. */
export const instanceDocId = (id: string) => `${INSTANCE_TYPE}:${id}`;

export type InstanceDocument = FlowInstance & { readonly type: typeof INSTANCE_TYPE };

export function toDocument(instance: FlowInstance): NewDocument<InstanceDocument> {
  return { ...instance, _id: instanceDocId(instance.id), type: INSTANCE_TYPE };
}

/** The instance held by a stored document, without storage fields. */
export function fromDocument(doc: Stored<InstanceDocument>): FlowInstance {
  const { _id, _rev, type, ...instance } = doc as Stored<InstanceDocument> &
    Record<string, unknown>;
  return instance as unknown as FlowInstance;
}
