import {
  ConflictError,
  type IndexDefinition,
  type StoragePort,
  type Stored,
} from '@tessera/runtime';
import { tokenDigest } from '../auth/secret-token.ts';

/**
 * One change, as the append-only audit log keeps it: who, when, what, before and after.
 * Entries are only ever created, never updated or removed (DESIGN decision 9).
 */
export interface AuditEntry {
  readonly type: 'audit';
  readonly schemaVersion: 1;
  /** ISO time of the change. */
  readonly at: string;
  /** The user who made it, or `system` (start-up, timers). */
  readonly actor: string;
  readonly action: string;
  /** The id of the document changed. */
  readonly subject: string;
  readonly subjectType: string;
  readonly app?: string;
  readonly table?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /**
   * Written after the fact by the start-up sweep (`src/records/recover-record-audits.ts`): the
   * change was stored but its process died before logging it. `at` and `actor` are the
   * document's own (`updatedAt`, `updatedBy`), `after` what is stored; `before` is unknown.
   */
  readonly recovered?: true;
}

export const AUDIT_INDEXES: readonly IndexDefinition[] = [
  { name: 'audit-by-subject', fields: ['type', 'subject', 'at'] },
  { name: 'audit-by-actor', fields: ['type', 'actor', 'at'] },
];

export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly subject: { readonly id: string; readonly type: string };
  readonly app?: string;
  readonly table?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /**
   * Makes the entry idempotent: a retried change (same key, e.g. `<id>@<rev>`) is logged once.
   */
  readonly key?: string;
  /**
   * Orders keyed entries of one subject made within the same millisecond (ids break ties of
   * `at`): a record's revision generation. 0 when not given.
   */
  readonly order?: number;
  /** Marks an entry rolled forward after a crash (see `AuditEntry.recovered`). */
  readonly recovered?: true;
}

/** The id of the entry of a keyed change: deterministic, so one `get` tells whether it is logged. */
export const auditIdOf = (key: string, order = 0): string =>
  `audit:${String(order).padStart(10, '0')}:${tokenDigest(key)}`;

/** The entry of a keyed change as it is stored, under its deterministic id (written elsewhere). */
export function keyedAuditDocument(
  input: AuditInput & { readonly key: string },
  now: Date,
): AuditEntry & { readonly _id: string } {
  return { _id: auditIdOf(input.key, input.order), ...auditEntryOf(input, now) };
}

function auditEntryOf(input: AuditInput, now: Date): AuditEntry {
  return {
    type: 'audit',
    schemaVersion: 1,
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    subject: input.subject.id,
    subjectType: input.subject.type,
    ...(input.app === undefined ? {} : { app: input.app }),
    ...(input.table === undefined ? {} : { table: input.table }),
    ...(input.before === undefined ? {} : { before: strip(input.before) }),
    ...(input.after === undefined ? {} : { after: strip(input.after) }),
    ...(input.recovered === true ? { recovered: true as const } : {}),
  };
}

/** Appends an entry; with a key, a retry of the same change appends nothing more. */
export async function appendAudit(
  storage: StoragePort,
  input: AuditInput,
  now = new Date(),
): Promise<string> {
  const { key } = input;
  if (key === undefined) return (await storage.create(auditEntryOf(input, now))).id;
  // One entry per key, by its id: a retry's create of the same id is refused, and it was logged.
  const doc = keyedAuditDocument({ ...input, key }, now);
  try {
    await storage.create(doc);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  return doc._id;
}

/** The history of one document, newest first, a page at a time. */
export function auditOf(
  storage: StoragePort,
  subject: string,
  page: { readonly limit?: number; readonly cursor?: string } = {},
): Promise<{ docs: readonly Stored<AuditEntry>[]; next?: string }> {
  return storage.find<AuditEntry>({
    index: 'audit-by-subject',
    selector: { type: 'audit', subject },
    sort: [{ type: 'desc' }, { subject: 'desc' }, { at: 'desc' }],
    ...(page.limit === undefined ? {} : { limit: page.limit }),
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
}

/** Secrets never enter the log: password hashes and revision markers are dropped. */
function strip(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { passwordHash: _hash, _rev: _revision, ...rest } = value as Record<string, unknown>;
  return rest;
}
