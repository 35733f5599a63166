import type { LocalizedText } from '@tessera/core';

export const BOXES = ['todo', 'done', 'submitted', 'cc', 'draft'] as const;
export type Box = (typeof BOXES)[number];

/** One line of `/api/inbox`: an entry with its item's title and labels. */
export interface InboxItem {
  readonly user: string;
  readonly box: Box;
  readonly app: string;
  readonly flow: string;
  readonly instance: string;
  readonly record: string;
  readonly initiator: string;
  readonly task?: string;
  readonly node?: string;
  readonly status: string;
  readonly createdAt: string;
  readonly actedAt?: string;
  readonly due?: string;
  readonly overdue?: boolean;
  readonly title: string;
  readonly appLabel?: LocalizedText;
  readonly flowLabel?: LocalizedText;
  readonly nodeLabel?: LocalizedText;
  readonly initiatorName?: string;
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly next?: string;
}
