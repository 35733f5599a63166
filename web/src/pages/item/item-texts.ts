import type { Dictionary } from '../../i18n/texts.ts';

type Key =
  | 'action.submit'
  | 'action.saveDraft'
  | 'action.approve'
  | 'action.reject'
  | 'action.return'
  | 'action.transfer'
  | 'action.addSigner'
  | 'action.withdraw'
  | 'action.urge'
  | 'action.comment'
  | 'action.read'
  | 'done.submit'
  | 'done.saveDraft'
  | 'done.approve'
  | 'done.reject'
  | 'done.return'
  | 'done.transfer'
  | 'done.addSigner'
  | 'done.withdraw'
  | 'done.urge'
  | 'done.comment'
  | 'done.read'
  | 'opinion'
  | 'opinion.placeholder'
  | 'returnTo'
  | 'returnTo.previous'
  | 'returnTo.drafter'
  | 'resubmit.straight'
  | 'transferTo'
  | 'signers'
  | 'placement.before'
  | 'placement.after'
  | 'pick.search'
  | 'pick.none'
  | 'confirm'
  | 'confirm.final'
  | 'cancel'
  | 'required.user'
  | 'status.draft'
  | 'status.running'
  | 'status.approved'
  | 'status.rejected'
  | 'status.cancelled'
  | 'diagram'
  | 'timeline'
  | 'form'
  | 'started'
  | 'initiator'
  | 'new.title'
  | 'new.submit'
  | 'new.saveDraft'
  | 'new.saved'
  | 'stale'
  | 'reload'
  | 'back'
  | 'notFound'
  | 'waitingFor'
  | 'offline.queued'
  | 'offline.copy'
  | 'choose.title';

export const ITEM_TEXTS: Dictionary<Key> = {
  'zh-CN': {
    'action.submit': '提交',
    'action.saveDraft': '保存待发',
    'action.approve': '同意',
    'action.reject': '驳回',
    'action.return': '回退',
    'action.transfer': '转办',
    'action.addSigner': '加签',
    'action.withdraw': '撤回',
    'action.urge': '催办',
    'action.comment': '评论',
    'action.read': '已阅',
    'done.submit': '已提交。',
    'done.saveDraft': '已保存为待发。',
    'done.approve': '已同意。',
    'done.reject': '已驳回。',
    'done.return': '已回退。',
    'done.transfer': '已转办。',
    'done.addSigner': '已加签。',
    'done.withdraw': '已撤回。',
    'done.urge': '已催办。',
    'done.comment': '已评论。',
    'done.read': '已阅。',
    opinion: '意见',
    'opinion.placeholder': '写下您的意见（可选）',
    returnTo: '回退到',
    'returnTo.previous': '上一节点',
    'returnTo.drafter': '发起人',
    'resubmit.straight': '重新提交后直接回到我这里',
    transferTo: '转办给',
    signers: '加签人',
    'placement.before': '在我之前（前加签）',
    'placement.after': '在我之后（后加签）',
    'pick.search': '输入姓名搜索',
    'pick.none': '没有找到',
    confirm: '确定',
    'confirm.final': '此操作不能撤销。',
    cancel: '取消',
    'required.user': '请选择人员。',
    'status.draft': '待发',
    'status.running': '审批中',
    'status.approved': '已通过',
    'status.rejected': '已驳回',
    'status.cancelled': '已撤销',
    diagram: '流程图',
    timeline: '处理记录',
    form: '表单',
    started: '发起于 {at}',
    initiator: '发起人 {name}',
    'new.title': '新建：{flow}',
    'new.submit': '提交',
    'new.saveDraft': '保存待发',
    'new.saved': '已保存。',
    stale: '这条事项刚被别人改过，已重新载入。',
    reload: '重新载入',
    back: '返回',
    notFound: '找不到这个事项。',
    waitingFor: '当前节点：{nodes}',
    'offline.queued': '已保存在本机，联网后自动同步。',
    'offline.copy': '离线：显示的是本机保存的副本。',
    'choose.title': '请选择“{node}”的处理人',
  },
  en: {
    'action.submit': 'Submit',
    'action.saveDraft': 'Save draft',
    'action.approve': 'Approve',
    'action.reject': 'Reject',
    'action.return': 'Return',
    'action.transfer': 'Transfer',
    'action.addSigner': 'Add signer',
    'action.withdraw': 'Withdraw',
    'action.urge': 'Urge',
    'action.comment': 'Comment',
    'action.read': 'Mark read',
    'done.submit': 'Submitted.',
    'done.saveDraft': 'Saved as a draft.',
    'done.approve': 'Approved.',
    'done.reject': 'Rejected.',
    'done.return': 'Returned.',
    'done.transfer': 'Transferred.',
    'done.addSigner': 'Signer added.',
    'done.withdraw': 'Withdrawn.',
    'done.urge': 'Reminder sent.',
    'done.comment': 'Comment added.',
    'done.read': 'Marked read.',
    opinion: 'Opinion',
    'opinion.placeholder': 'Write your opinion (optional)',
    returnTo: 'Return to',
    'returnTo.previous': 'The previous step',
    'returnTo.drafter': 'The drafter',
    'resubmit.straight': 'After resubmission, come straight back to me',
    transferTo: 'Transfer to',
    signers: 'Signers',
    'placement.before': 'Before me (they advise, I decide)',
    'placement.after': 'After me (they approve too)',
    'pick.search': 'Type a name to search',
    'pick.none': 'Nobody found',
    confirm: 'Confirm',
    'confirm.final': 'This cannot be undone.',
    cancel: 'Cancel',
    'required.user': 'Choose a person.',
    'status.draft': 'Draft',
    'status.running': 'In approval',
    'status.approved': 'Approved',
    'status.rejected': 'Rejected',
    'status.cancelled': 'Cancelled',
    diagram: 'Flow',
    timeline: 'History',
    form: 'Form',
    started: 'Started {at}',
    initiator: 'Initiator {name}',
    'new.title': 'New: {flow}',
    'new.submit': 'Submit',
    'new.saveDraft': 'Save draft',
    'new.saved': 'Saved.',
    stale: 'Someone else changed this item just now; it was loaded again.',
    reload: 'Reload',
    back: 'Back',
    notFound: 'There is no such item.',
    waitingFor: 'Now at: {nodes}',
    'offline.queued': 'Kept on this device; it syncs when you are back online.',
    'offline.copy': 'Offline: this is the copy kept on this device.',
    'choose.title': 'Who takes “{node}”?',
  },
};

export type ItemText = Key;
