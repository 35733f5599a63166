import { type Locale, localize } from '@tessera/core';
import type { AnswerOf, TesseraApi } from '@tessera/core/api';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { NOTICE_TEXTS } from './notice-texts.ts';

/**
 * `GET /api/notices`: one notice (the API's). A flow's names its item (`instance`); a record
 * reminder's (`reason: reminder`) names the record, its reminder, whether it is due or
 * overdue, and the date.
 */
export type Notice = AnswerOf<TesseraApi['notices']['list']>['items'][number];

/** What one row of the notices page shows, and where it leads. */
export interface NoticeEntry {
  readonly href: string;
  readonly badge: string;
  readonly warn: boolean;
  readonly title: string;
  readonly meta: string;
}

type Key = keyof (typeof NOTICE_TEXTS)['en'];

const segment = encodeURIComponent;

/** A date as stored: a date field's `YYYY-MM-DD` as it is, a datetime in the viewer's zone. */
const dateText = (value: string, locale: Locale) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatDateTime(value, locale);

/** The row of a notice: a record reminder leads to its record, a flow's to its item. */
export function noticeEntry(notice: Notice, locale: Locale): NoticeEntry {
  const t = translator(NOTICE_TEXTS, locale);
  if (notice.reason === 'reminder' && notice.record && notice.table) {
    const overdue = notice.kind === 'overdue';
    const date = dateText(notice.date ?? '', locale);
    const label = localize(notice.reminderLabel, locale, notice.reminder ?? '');
    return {
      href: `/records/${segment(notice.app)}/${segment(notice.table)}/${segment(notice.record)}`,
      badge: t(overdue ? 'reminder.overdue' : 'reminder.due'),
      warn: overdue,
      title: [label, notice.title ?? notice.record].filter(Boolean).join(' · '),
      meta: [
        t(overdue ? 'reminder.wasDueOn' : 'reminder.dueOn', { date }),
        localize(notice.message, locale),
      ]
        .filter(Boolean)
        .join(' · '),
    };
  }
  const key = `reason.${notice.reason}` as Key;
  return {
    href: `/items/${segment(notice.instance ?? '')}`,
    badge: key in NOTICE_TEXTS[locale] ? t(key) : notice.reason,
    warn: notice.reason === 'overdue',
    title: notice.title ?? notice.instance ?? '',
    meta: [localize(notice.flowLabel, locale), notice.initiatorName].filter(Boolean).join(' · '),
  };
}
