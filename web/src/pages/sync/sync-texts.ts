import type { Dictionary } from '../../i18n/texts.ts';

export const SYNC_TEXTS: Dictionary<
  | 'title'
  | 'lead'
  | 'now'
  | 'last'
  | 'never'
  | 'pending'
  | 'pending.none'
  | 'conflicts'
  | 'conflicts.none'
  | 'kind.start'
  | 'kind.command'
  | 'kind.create'
  | 'status.conflict'
  | 'status.rejected'
  | 'mine'
  | 'theirs'
  | 'discard'
  | 'discard.confirm'
  | 'reopen'
  | 'openItem'
  | 'offline'
  | 'error'
> = {
  'zh-CN': {
    title: '离线与同步',
    lead: '离线时的提交和审批保存在本机，联网后按顺序发送到服务器，每条只生效一次。服务器不能接受的会列在冲突中，由您决定如何处理。',
    now: '立即同步',
    last: '上次同步：{at}',
    never: '尚未同步',
    pending: '待同步（{n}）',
    'pending.none': '没有待同步的更改。',
    conflicts: '冲突（{n}）',
    'conflicts.none': '没有冲突。',
    'kind.start': '发起 {flow}',
    'kind.command': '{action}',
    'kind.create': '新建记录（{table}）',
    'status.conflict': '已被他人处理',
    'status.rejected': '服务器未接受',
    mine: '我的更改',
    theirs: '服务器上的现状',
    discard: '放弃我的更改',
    'discard.confirm': '确定放弃这条更改？此操作不能撤销。',
    reopen: '在新表单中修改后重新提交',
    openItem: '打开事项',
    offline: '当前离线，联网后会自动同步。',
    error: '同步失败：{message}',
  },
  en: {
    title: 'Offline and sync',
    lead: 'Submissions and approvals made offline are kept on this device and sent in order when you are back online, each applied once. What the server cannot accept is listed under conflicts for you to decide.',
    now: 'Sync now',
    last: 'Last synced {at}',
    never: 'Not synced yet',
    pending: 'Waiting to sync ({n})',
    'pending.none': 'Nothing waits to sync.',
    conflicts: 'Conflicts ({n})',
    'conflicts.none': 'No conflicts.',
    'kind.start': 'Start {flow}',
    'kind.command': '{action}',
    'kind.create': 'New record ({table})',
    'status.conflict': 'Someone else handled it first',
    'status.rejected': 'Not accepted by the server',
    mine: 'My change',
    theirs: 'On the server now',
    discard: 'Discard my change',
    'discard.confirm': 'Discard this change? This cannot be undone.',
    reopen: 'Fix it in a new form and submit again',
    openItem: 'Open the item',
    offline: 'You are offline; sync runs by itself when you are back.',
    error: 'Sync failed: {message}',
  },
};
