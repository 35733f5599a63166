import type { IndexDefinition } from '@tessera/runtime';
import type { NoticeReason } from '@tessera/runtime/flow';

export const NOTICE_TYPE = 'notice';

/** An in-app notice (消息): a reminder, an urge, an overdue mark, a CC, an item ended. */
export interface NoticeFields {
  readonly type: typeof NOTICE_TYPE;
  readonly user: string;
  readonly reason: NoticeReason;
  readonly app: string;
  readonly flow: string;
  readonly instance: string;
  readonly task?: string;
  readonly createdAt: string;
  readonly readAt?: string;
}

export const NOTICE_INDEXES: readonly IndexDefinition[] = [
  {
    name: 'notices-by-user',
    fields: ['type', 'user', 'createdAt'],
    partial: { type: NOTICE_TYPE },
  },
];
