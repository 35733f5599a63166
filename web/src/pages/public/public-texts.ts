import type { Dictionary } from '../../i18n/texts.ts';

export const PUBLIC_TEXTS: Dictionary<
  | 'submit'
  | 'sending'
  | 'thanks'
  | 'receipt'
  | 'code'
  | 'keep'
  | 'check'
  | 'status.title'
  | 'status.lead'
  | 'status.received'
  | 'status.in_progress'
  | 'status.approved'
  | 'status.rejected'
  | 'status.cancelled'
  | 'status.at'
  | 'status.node'
  | 'status.ended'
  | 'another'
  | 'language'
> = {
  'zh-CN': {
    submit: '提交',
    sending: '提交中…',
    thanks: '已收到您的提交。',
    receipt: '受理编号',
    code: '查询码',
    keep: '请保存受理编号和查询码，用它们查询处理进度。',
    check: '查询进度',
    'status.title': '查询处理进度',
    'status.lead': '输入提交后得到的受理编号和查询码。',
    'status.received': '已受理，等待处理',
    'status.in_progress': '处理中',
    'status.approved': '已办结',
    'status.rejected': '未通过',
    'status.cancelled': '已撤销',
    'status.at': '提交时间：{at}',
    'status.node': '当前环节：{node}',
    'status.ended': '办结时间：{at}',
    another: '再提交一份',
    language: 'English',
  },
  en: {
    submit: 'Submit',
    sending: 'Sending…',
    thanks: 'Thank you, we received it.',
    receipt: 'Receipt number',
    code: 'Check code',
    keep: 'Keep the receipt number and check code: with them you can follow what happens.',
    check: 'Check progress',
    'status.title': 'Follow a submission',
    'status.lead': 'Enter the receipt number and check code you were given.',
    'status.received': 'Received, waiting to be handled',
    'status.in_progress': 'Being handled',
    'status.approved': 'Done',
    'status.rejected': 'Not accepted',
    'status.cancelled': 'Cancelled',
    'status.at': 'Submitted {at}',
    'status.node': 'Now with: {node}',
    'status.ended': 'Finished {at}',
    another: 'Submit another',
    language: '中文',
  },
};
