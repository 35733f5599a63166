import type { IndexDefinition } from '@tessera/runtime';
import type { NoticeReason } from '@tessera/runtime/flow';

export const NOTICE_TYPE = 'notice';

/** What every notice has: whose it is, the app, when it was made and read. */
interface NoticeBase {
  readonly type: typeof NOTICE_TYPE;
  readonly user: string;
  readonly app: string;
  readonly createdAt: string;
  readonly readAt?: string;
}

/** A flow's notice (消息): a reminder, an urge, an overdue mark, a CC, an item ended. */
export interface FlowNoticeFields extends NoticeBase {
  readonly reason: NoticeReason;
  readonly flow: string;
  readonly instance: string;
  readonly task?: string;
}

/** The reason of a record reminder's notice (数据提醒, src/reminders/). */
export const RECORD_NOTICE_REASON = 'reminder';

/** A record reminder's notice: a record's date is coming up (`due`) or has passed (`overdue`). */
export interface RecordNoticeFields extends NoticeBase {
  readonly reason: typeof RECORD_NOTICE_REASON;
  readonly table: string;
  readonly record: string;
  /** The reminder's id in the app definition. */
  readonly reminder: string;
  readonly kind: 'due' | 'overdue';
  /** The record's date value the notice is about, as stored. */
  readonly date: string;
}

export type NoticeFields = FlowNoticeFields | RecordNoticeFields;

/** Whether a notice is a record reminder's (else it is a flow's). */
export function isRecordNotice<T extends { readonly reason: string }>(
  notice: T,
): notice is T &
  Pick<RecordNoticeFields, 'reason' | 'table' | 'record' | 'reminder' | 'kind' | 'date'> {
  return notice.reason === RECORD_NOTICE_REASON;
}

export const NOTICE_INDEXES: readonly IndexDefinition[] = [
  {
    name: 'notices-by-user',
    fields: ['type', 'user', 'createdAt'],
    partial: { type: NOTICE_TYPE },
  },
];
