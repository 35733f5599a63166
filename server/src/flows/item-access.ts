import type { StoragePort } from '@tessera/runtime';
import type { FlowInstance } from '@tessera/runtime/flow';
import { ApiError } from '../http/api-error.ts';
import type { RecordCaller } from '../records/caller.ts';
import type { RecordDocument } from '../records/record-document.ts';
import { checkRecordScope } from '../records/record-scope.ts';
import { itemNotFound } from './flow-errors.ts';

/** The item's initiator, or someone who holds or held one of its tasks. */
const isOnItem = (instance: FlowInstance, user: string) =>
  instance.initiator === user || instance.tasks.some((task) => task.assignee === user);

/** Whether the record's row scope lets the caller read it (a refusal is not an error here). */
async function readsRecord(storage: StoragePort, caller: RecordCaller, record: RecordDocument) {
  try {
    await checkRecordScope(storage, caller, record._id, record);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}

/**
 * Who may see a flow item, and so act on it — a command is authorised exactly as a read: a
 * draft (待发) its drafter alone; any other item the people on it, admins, and whoever the
 * record's row scope lets read it. Anyone else gets the 404 of an item that does not exist,
 * so that neither a read nor a command tells them it does.
 */
export async function checkItemAccess(
  storage: StoragePort,
  caller: RecordCaller,
  instance: FlowInstance,
  record: RecordDocument,
): Promise<void> {
  const user = caller.userId;
  const visible =
    instance.status === 'draft'
      ? instance.initiator === user
      : isOnItem(instance, user) ||
        caller.roles.includes('admin') ||
        (await readsRecord(storage, caller, record));
  if (!visible) throw itemNotFound(instance.id);
}
