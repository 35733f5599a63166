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
  type InstanceDocument,
  instanceDocId,
} from './instance-document.ts';
export * from './timer-documents.ts';
