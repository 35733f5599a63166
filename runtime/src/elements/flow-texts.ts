import type { Bilingual, Locale } from '@tessera/core';

/** The flow diagram's and timeline's own strings, in both languages. */
export const FLOW_TEXTS = {
  diagram: { en: 'Flow diagram', 'zh-CN': '流程图' },
  current: { en: 'Current step', 'zh-CN': '当前节点' },
  finished: { en: 'The flow has finished', 'zh-CN': '流程已结束' },
  notStarted: { en: 'Not started yet', 'zh-CN': '尚未开始' },
  steps: { en: 'Steps', 'zh-CN': '节点' },
  done: { en: 'done', 'zh-CN': '已完成' },
  active: { en: 'current', 'zh-CN': '进行中' },
  pending: { en: 'not reached', 'zh-CN': '未到达' },
  loading: { en: 'Drawing the diagram…', 'zh-CN': '正在绘制流程图…' },
  timeline: { en: 'Flow history', 'zh-CN': '流程日志' },
  empty: { en: 'Nothing has happened yet', 'zh-CN': '暂无记录' },
  system: { en: 'System', 'zh-CN': '系统' },
  opinion: { en: 'Opinion', 'zh-CN': '意见' },
} as const satisfies Record<string, Bilingual>;

export type FlowTextKey = keyof typeof FLOW_TEXTS;

export const flowText = (key: FlowTextKey, locale: Locale): string => FLOW_TEXTS[key][locale];

/** Every timeline action the engine and the basic node types write, as words. */
export const ACTION_TEXTS = {
  created: { en: 'Created the draft', 'zh-CN': '创建草稿' },
  submitted: { en: 'Submitted', 'zh-CN': '提交' },
  resubmitted: { en: 'Resubmitted', 'zh-CN': '重新提交' },
  entered: { en: 'Reached the step', 'zh-CN': '到达节点' },
  approved: { en: 'Approved', 'zh-CN': '同意' },
  rejected: { en: 'Rejected', 'zh-CN': '不同意' },
  returned: { en: 'Returned', 'zh-CN': '回退' },
  withdrawn: { en: 'Withdrew', 'zh-CN': '撤回' },
  transferred: { en: 'Transferred', 'zh-CN': '转办' },
  signersAddedBefore: { en: 'Added signers before themself', 'zh-CN': '前加签' },
  signersAddedAfter: { en: 'Added signers after themself', 'zh-CN': '后加签' },
  urged: { en: 'Sent a reminder', 'zh-CN': '催办' },
  commented: { en: 'Commented', 'zh-CN': '发表意见' },
  read: { en: 'Read', 'zh-CN': '已阅' },
  passed: { en: 'Step completed', 'zh-CN': '节点通过' },
  branched: { en: 'Took a branch', 'zh-CN': '条件分支' },
  split: { en: 'Split into parallel branches', 'zh-CN': '进入并行分支' },
  notified: { en: 'Sent for information', 'zh-CN': '知会' },
  wroteBack: { en: 'Wrote data back', 'zh-CN': '数据回写' },
  joined: { en: 'Branches joined', 'zh-CN': '分支汇合' },
  waiting: { en: 'Waiting until', 'zh-CN': '等待至' },
  woke: { en: 'Timer fired', 'zh-CN': '定时到达' },
  overdue: { en: 'Overdue', 'zh-CN': '已超期' },
  subflowStarted: { en: 'Started a sub-flow', 'zh-CN': '发起子流程' },
  subflowEnded: { en: 'Sub-flow finished', 'zh-CN': '子流程结束' },
  ended: { en: 'Flow ended', 'zh-CN': '流程结束' },
} as const satisfies Record<string, Bilingual>;

/** How the people an entry names relate to its action ("to Li Lei", "抄送：李雷"). */
export const ACTION_USERS_TEXTS: Readonly<Record<string, Bilingual>> = {
  entered: { en: 'Assigned to', 'zh-CN': '处理人' },
  transferred: { en: 'To', 'zh-CN': '转给' },
  signersAddedBefore: { en: 'Added', 'zh-CN': '加签人' },
  signersAddedAfter: { en: 'Added', 'zh-CN': '加签人' },
  urged: { en: 'Reminded', 'zh-CN': '提醒' },
  notified: { en: 'To', 'zh-CN': '知会' },
  overdue: { en: 'Notified', 'zh-CN': '通知' },
};

export const OUTCOME_TEXTS: Readonly<Record<string, Bilingual>> = {
  approved: { en: 'approved', 'zh-CN': '通过' },
  rejected: { en: 'rejected', 'zh-CN': '未通过' },
  cancelled: { en: 'cancelled', 'zh-CN': '已撤销' },
};

/** The action in words; an action this version does not know is shown as it is. */
export function actionText(action: string, locale: Locale): string {
  return Object.hasOwn(ACTION_TEXTS, action)
    ? ACTION_TEXTS[action as keyof typeof ACTION_TEXTS][locale]
    : action;
}

/** "to X" after a return or a branch: the node the entry went to. */
export const toText = (locale: Locale): string => (locale === 'zh-CN' ? '至' : 'to');
