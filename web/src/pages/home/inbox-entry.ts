import type { AnswerOf, TesseraApi } from '@tessera/core/api';

/** The boxes in the order the home page shows them. */
export const BOXES = ['todo', 'done', 'submitted', 'cc', 'draft'] as const;
export type Box = (typeof BOXES)[number];

/** One line of `/api/inbox`: the stored entry with its item's title and labels (the API's). */
export type InboxItem = AnswerOf<TesseraApi['flows']['inbox']>['items'][number];

/** How many items wait in the person's inbox (`/api/inbox/counts`). */
export type InboxCounts = AnswerOf<TesseraApi['flows']['inboxCounts']>;
