import type { IndexDefinition, StoragePort } from '@tessera/runtime';
import { APP_INDEXES } from '../apps/app-documents.ts';
import { AUDIT_INDEXES } from '../audit/audit-entry.ts';
import { FLOW_INDEXES } from '../flows/flow-indexes.ts';
import { PACK_INDEXES } from '../packs/pack-documents.ts';

/**
 * Every Mango index the server's queries name, in one place: `ensureStorageIndexes` creates
 * them at start (never on a first query). Each index leads with `type`, so one index can serve
 * several document types (`by-type-name` lists departments and positions alike). CouchDB leaves
 * a document out of an index when it lacks one of its fields, so optional fields (a user's
 * department) are only ever queried through an index that names them, with an equality.
 */
export const INDEX = {
  /** Users by username: the admin's user list, and the search for admins. */
  usersByUsername: 'users-by-username',
  /** A department's members, by username. */
  usersByDepartment: 'users-by-department',
  /** Who holds a position (a position in use is not deleted). */
  usersByPosition: 'users-by-position',
  /** Sessions and API tokens of a user, oldest first. */
  ownedByUser: 'owned-by-user',
  /** Sessions by when they end, for the sweep at start. */
  sessionsByExpiry: 'sessions-by-expiry',
  /** Departments and positions by name. */
  byTypeName: 'by-type-name',
  /** Departments by ancestor path: children (path equal), subtrees (path range), sibling names. */
  departmentsByPath: 'departments-by-path',
  /** Departments whose move has not yet been carried to their descendants. */
  departmentMoves: 'departments-moving',
  /** Records of a table, newest first: the `all` row scope. */
  recordsByTable: 'records-by-table',
  /** Records of a table one user created, newest first: the `own` row scope. */
  recordsByCreator: 'records-by-creator',
  /** Records of a table made in one department, newest first: the `department` row scope. */
  recordsByDepartment: 'records-by-department',
  /** Records of every table by when they last changed: the audit roll-forward at start. */
  recordsByUpdated: 'records-by-updated',
  /** Documents of a type, oldest first: the webhook list. */
  byTypeCreated: 'by-type-created',
  /** Active webhook subscriptions, for the event publisher. */
  webhooksActive: 'webhooks-active',
  /** A webhook's deliveries, newest first. */
  deliveriesByWebhook: 'webhook-deliveries-by-webhook',
  /** Pending deliveries by when they are due: the dispatcher's queue. */
  deliveriesDue: 'webhook-deliveries-due',
  /** Uploads no record refers to, oldest first: the sweep of abandoned uploads. */
  filesUnattached: 'files-unattached',
} as const;

export const STORAGE_INDEXES: readonly IndexDefinition[] = [
  ...APP_INDEXES,
  ...AUDIT_INDEXES,
  { name: INDEX.usersByUsername, fields: ['type', 'username'] },
  { name: INDEX.usersByDepartment, fields: ['type', 'department', 'username'] },
  { name: INDEX.usersByPosition, fields: ['type', 'position', 'username'] },
  { name: INDEX.ownedByUser, fields: ['type', 'user', 'createdAt'] },
  { name: INDEX.sessionsByExpiry, fields: ['type', 'expiresAt'] },
  { name: INDEX.byTypeName, fields: ['type', 'name'] },
  { name: INDEX.departmentsByPath, fields: ['type', 'path', 'name'] },
  { name: INDEX.departmentMoves, fields: ['type', 'movedFrom'] },
  // records: the equality fields first, the sort field (createdAt) last (runtime/README.md)
  { name: INDEX.recordsByTable, fields: ['type', 'app', 'table', 'createdAt'] },
  { name: INDEX.recordsByCreator, fields: ['type', 'app', 'table', 'createdBy', 'createdAt'] },
  {
    name: INDEX.recordsByDepartment,
    fields: ['type', 'app', 'table', 'createdByDepartment', 'createdAt'],
  },
  { name: INDEX.recordsByUpdated, fields: ['type', 'updatedAt'] },
  // webhooks: subscriptions, and the outbox of deliveries (src/webhooks/)
  { name: INDEX.byTypeCreated, fields: ['type', 'createdAt'] },
  { name: INDEX.webhooksActive, fields: ['type', 'active', 'createdAt'] },
  { name: INDEX.deliveriesByWebhook, fields: ['type', 'webhook', 'createdAt'] },
  { name: INDEX.deliveriesDue, fields: ['type', 'status', 'nextAttemptAt'] },
  // files: only uploads without `record` (a partial index; src/files/sweep-unattached-files.ts)
  {
    name: INDEX.filesUnattached,
    fields: ['type', 'uploadedAt'],
    partial: { type: 'file', record: { $exists: false } },
  },
  // flows: instances per flow (analytics), the inbox, due timers, notices (src/flows/)
  ...FLOW_INDEXES,
  // packs: what an install wrote, uploaded packs, journals (src/packs/)
  ...PACK_INDEXES,
];

/** Creates the indexes that are missing (at start; cheap when they all exist). */
export const ensureStorageIndexes = (storage: StoragePort): Promise<void> =>
  storage.ensureIndexes(STORAGE_INDEXES);
