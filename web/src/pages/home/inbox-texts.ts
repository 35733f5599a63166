import type { Dictionary } from '../../i18n/texts.ts';

export const INBOX_TEXTS: Dictionary<
  | 'title'
  | 'box.todo'
  | 'box.done'
  | 'box.submitted'
  | 'box.cc'
  | 'box.draft'
  | 'search'
  | 'search.placeholder'
  | 'empty'
  | 'more'
  | 'overdue'
  | 'due'
  | 'from'
  | 'at'
  | 'unread'
  | 'status.open'
  | 'status.waiting'
  | 'status.submitted'
  | 'status.approved'
  | 'status.rejected'
  | 'status.returned'
  | 'status.transferred'
  | 'status.withdrawn'
  | 'status.running'
  | 'status.ended'
  | 'status.read'
  | 'status.unread'
  | 'status.cancelled'
  | 'status.draft'
  | 'overdueCount'
  | 'start'
  | 'offline'
> = {
  'zh-CN': {
    title: '我的事项',
    'box.todo': '待办',
    'box.done': '已办',
    'box.submitted': '已发',
    'box.cc': '知会',
    'box.draft': '待发',
    search: '搜索',
    'search.placeholder': '标题、流程或发起人',
    empty: '这里没有事项。',
    more: '加载更多',
    overdue: '已超期',
    due: '期限 {at}',
    from: '发起人 {name}',
    at: '{at}',
    unread: '未读',
    'status.open': '待处理',
    'status.waiting': '等待中',
    'status.submitted': '已提交',
    'status.approved': '已同意',
    'status.rejected': '已驳回',
    'status.returned': '已回退',
    'status.transferred': '已转办',
    'status.withdrawn': '已撤回',
    'status.running': '审批中',
    'status.ended': '已结束',
    'status.read': '已读',
    'status.unread': '未读',
    'status.cancelled': '已取消',
    'status.draft': '草稿',
    overdueCount: '{n} 项已超期',
    start: '新建事项',
    offline: '离线：显示的是本机保存的副本。',
  },
  en: {
    title: 'My items',
    'box.todo': 'To do',
    'box.done': 'Done',
    'box.submitted': 'Submitted',
    'box.cc': 'CC',
    'box.draft': 'Drafts',
    search: 'Search',
    'search.placeholder': 'Title, flow or initiator',
    empty: 'Nothing here.',
    more: 'Load more',
    overdue: 'Overdue',
    due: 'Due {at}',
    from: 'From {name}',
    at: '{at}',
    unread: 'Unread',
    'status.open': 'Waiting for you',
    'status.waiting': 'Waiting',
    'status.submitted': 'Submitted',
    'status.approved': 'Approved',
    'status.rejected': 'Rejected',
    'status.returned': 'Returned',
    'status.transferred': 'Transferred',
    'status.withdrawn': 'Withdrawn',
    'status.running': 'In approval',
    'status.ended': 'Ended',
    'status.read': 'Read',
    'status.unread': 'Unread',
    'status.cancelled': 'Cancelled',
    'status.draft': 'Draft',
    overdueCount: '{n} overdue',
    start: 'New item',
    offline: 'Offline: this is the copy kept on this device.',
  },
};
