import type { Dictionary } from '../../i18n/texts.ts';

export const NOTICE_TEXTS: Dictionary<
  | 'title'
  | 'empty'
  | 'unread'
  | 'more'
  | 'reason.cc'
  | 'reason.urge'
  | 'reason.remind'
  | 'reason.overdue'
  | 'reason.returned'
  | 'reason.ended'
  | 'reminder.due'
  | 'reminder.overdue'
  | 'reminder.dueOn'
  | 'reminder.wasDueOn'
> = {
  'zh-CN': {
    title: '消息',
    empty: '没有消息。',
    unread: '未读',
    more: '加载更多',
    'reason.cc': '知会您',
    'reason.urge': '催办',
    'reason.remind': '即将到期',
    'reason.overdue': '已超期',
    'reason.returned': '被回退',
    'reason.ended': '已办结',
    'reminder.due': '到期提醒',
    'reminder.overdue': '已逾期',
    'reminder.dueOn': '到期 {date}',
    'reminder.wasDueOn': '已于 {date} 到期',
  },
  en: {
    title: 'Notices',
    empty: 'No notices.',
    unread: 'Unread',
    more: 'Load more',
    'reason.cc': 'For your information',
    'reason.urge': 'Urged',
    'reason.remind': 'Due soon',
    'reason.overdue': 'Overdue',
    'reason.returned': 'Returned',
    'reason.ended': 'Finished',
    'reminder.due': 'Due',
    'reminder.overdue': 'Overdue',
    'reminder.dueOn': 'Due {date}',
    'reminder.wasDueOn': 'Was due {date}',
  },
};
