export { claimId } from './storage/idempotent-create.ts';
export { newId } from './storage/new-id.ts';
export type { DumpedDocument } from './storage/pouch-backup.ts';
export { defaultPageSize, maxPageSize } from './storage/pouch-find.ts';
export type {
  PouchLocation,
  PouchStorageOptions,
  PouchTuning,
  QueryEvent,
} from './storage/pouch-options.ts';
export {
  createPouchStorage,
  type PouchStorage,
  type RevisionInfo,
} from './storage/pouch-storage.ts';
export { storageFromEnv, storageLocationFromEnv } from './storage/storage-from-env.ts';
export * from './storage/storage-port.ts';
export { storageTroubleOf } from './storage/storage-trouble.ts';
