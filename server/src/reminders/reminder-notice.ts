import type { ReminderDefinition } from '@tessera/core';
import { NOTICE_TYPE, RECORD_NOTICE_REASON, type RecordNoticeFields } from '../flows/notices.ts';
import type { RecordDocument } from '../records/record-document.ts';
import type { ReminderKind } from './reminder-days.ts';

export interface ReminderHit {
  readonly app: string;
  readonly reminder: ReminderDefinition;
  readonly record: Pick<RecordDocument, '_id' | 'table'>;
  readonly kind: ReminderKind;
  /** The record's date value as stored. */
  readonly date: string;
}

/**
 * The notice of one hit for one person. Its id is made of app, reminder, record, kind, date
 * value and user and of nothing else, so whoever makes it again makes the same document.
 */
export function recordNotice(
  hit: ReminderHit,
  user: string,
  createdAt: string,
): RecordNoticeFields & { _id: string } {
  const { app, reminder, record, kind, date } = hit;
  return {
    _id: `${NOTICE_TYPE}:reminder:${app}:${reminder.id}:${record._id}:${kind}:${date}:${user}`,
    type: NOTICE_TYPE,
    user,
    reason: RECORD_NOTICE_REASON,
    app,
    table: record.table,
    record: record._id,
    reminder: reminder.id,
    kind,
    date,
    createdAt,
  };
}
