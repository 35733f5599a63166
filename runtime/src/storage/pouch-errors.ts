import {
  ConflictError,
  NotFoundError,
  StorageError,
  StorageUnavailableError,
} from './storage-port.ts';
import { storageTroubleOf } from './storage-trouble.ts';

/** What PouchDB (locally or from an HTTP answer) reports in a failure, read without trusting it. */
export interface PouchFailure {
  readonly status: number | undefined;
  /** `conflict`, `not_found`, `no_usable_index`, `bad_request` … */
  readonly name: string;
  /** `missing`, `deleted`, a CouchDB reason text … */
  readonly reason: string;
  readonly message: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reads the fields of a thrown value (an Error, or a plain object as pouchdb-find throws). */
export function readFailure(error: unknown): PouchFailure {
  if (typeof error !== 'object' || error === null) {
    return { status: undefined, name: 'unknown', reason: '', message: String(error) };
  }
  const fields = error as Record<string, unknown>;
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  const name = text(fields.error) || text(fields.name) || 'unknown';
  const reason = text(fields.reason);
  const message = text(fields.message) || reason || name;
  return { status, name, reason, message };
}

export function isConflict(error: unknown): boolean {
  const failure = readFailure(error);
  return failure.status === 409 || failure.name === 'conflict';
}

export function isNotFound(error: unknown): boolean {
  const failure = readFailure(error);
  return failure.status === 404 || failure.name === 'not_found';
}

/**
 * Turns a PouchDB failure into one of the port's errors. The raw error object never leaves the
 * adapter: only its status and a message naming the operation and document.
 */
export function toStorageError(error: unknown, operation: string, id?: string): Error {
  if (
    error instanceof ConflictError ||
    error instanceof NotFoundError ||
    error instanceof StorageError
  ) {
    return error;
  }
  if (id !== undefined && isConflict(error)) return new ConflictError(id);
  if (id !== undefined && isNotFound(error)) return new NotFoundError(id);
  const failure = readFailure(error);
  const target = id === undefined ? '' : ` "${id}"`;
  const detail = failure.reason && failure.reason !== failure.message ? ` (${failure.reason})` : '';
  const trouble = storageTroubleOf(error);
  if (trouble) {
    return new StorageUnavailableError(
      `${operation}${target} failed: ${failure.name}: ${failure.message}${detail}`,
      trouble,
    );
  }
  return new StorageError(
    `${operation}${target} failed: ${failure.name}: ${failure.message}${detail}`,
    failure.status,
  );
}
