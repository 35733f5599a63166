import type { LocalizedText } from '@tessera/core';
import type { InboxEntry } from '@tessera/runtime/flow-store';

export const BOXES = ['todo', 'done', 'submitted', 'cc', 'draft'] as const;
export type Box = (typeof BOXES)[number];

/** One line of `/api/inbox`: the stored entry (the runtime's own type) with its item's title and labels. */
export interface InboxItem extends Omit<InboxEntry, 'type' | 'box'> {
  readonly box: Box;
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
