export type {
  ChildStart,
  EffectDefinition,
  EffectPorts,
  EffectRecord,
  EffectRecords,
  RecordChange,
  RecordTarget,
} from './effect-ports.ts';
export {
  createFlowStore,
  type FlowStore,
  type FlowStoreOptions,
  type OwedApplier,
} from './flow-store.ts';
export * from './inbox-documents.ts';
export {
  fromDocument,
  INSTANCE_TYPE,
  INSTANCES_OWING,
  type InstanceDocument,
  instanceDocId,
  OWING_INDEXES,
} from './instance-document.ts';
export * from './timer-documents.ts';
