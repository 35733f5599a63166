import type { FlowInstance, Task } from '../flow/instance.ts';
import type { IndexDefinition, NewDocument } from '../storage/storage-port.ts';

export const INBOX_TYPE = 'inbox';

/**
 * Boxes of the inbox: 待发 `draft`, 待办 `todo`, 已办 `done`, 已发 `submitted`, 知会 `cc`;
 * `cancelled` holds the copies nobody needs to see (another holder decided first).
 */
export type InboxBox = 'draft' | 'todo' | 'done' | 'submitted' | 'cc' | 'cancelled';

export interface InboxEntry {
  readonly type: typeof INBOX_TYPE;
  readonly user: string;
  readonly box: InboxBox;
  readonly app: string;
  readonly version: number;
  readonly flow: string;
  readonly instance: string;
  readonly record: string;
  readonly initiator: string;
  /** The task, or absent for the drafter's submitted entry. */
  readonly task?: string;
  readonly node?: string;
  readonly status: string;
  readonly createdAt: string;
  readonly actedAt?: string;
  readonly due?: string;
  readonly overdue?: boolean;
}

export const INBOX_INDEXES: readonly IndexDefinition[] = [
  {
    name: 'inbox-by-user',
    fields: ['type', 'user', 'box', 'createdAt'],
    partial: { type: INBOX_TYPE },
  },
];

export const taskEntryId = (task: string) => `${INBOX_TYPE}:${task}`;
export const submittedEntryId = (instance: string) => `${INBOX_TYPE}:${instance}:submitted`;

const BOX_OF: Readonly<Record<Task['status'], InboxBox>> = {
  open: 'todo',
  waiting: 'todo',
  submitted: 'done',
  approved: 'done',
  rejected: 'done',
  returned: 'done',
  transferred: 'done',
  cancelled: 'cancelled',
  unread: 'cc',
  read: 'cc',
};

const common = (instance: FlowInstance) => ({
  type: INBOX_TYPE as typeof INBOX_TYPE,
  app: instance.app,
  version: instance.version,
  flow: instance.flow,
  instance: instance.id,
  record: instance.record,
  initiator: instance.initiator,
});

/** The inbox entry of a task as it stands. */
export function taskEntry(instance: FlowInstance, task: Task): NewDocument<InboxEntry> {
  const box = task.kind === 'draft' && task.status === 'open' ? 'draft' : BOX_OF[task.status];
  return {
    _id: taskEntryId(task.id),
    ...common(instance),
    user: task.assignee,
    box,
    task: task.id,
    node: task.node,
    status: task.status,
    createdAt: task.createdAt,
    ...(task.actedAt ? { actedAt: task.actedAt } : {}),
    ...(task.due ? { due: task.due } : {}),
    ...(task.overdue ? { overdue: true } : {}),
  };
}

/** The drafter's 已发 entry, following the instance's status. */
export function submittedEntry(instance: FlowInstance): NewDocument<InboxEntry> {
  return {
    _id: submittedEntryId(instance.id),
    ...common(instance),
    user: instance.initiator,
    box: 'submitted',
    status: instance.status,
    createdAt: instance.submittedAt ?? instance.createdAt,
    ...(instance.endedAt ? { actedAt: instance.endedAt } : {}),
  };
}
