import type { Dictionary } from '../../i18n/texts.ts';

type Key =
  | 'back'
  | 'loading'
  | 'notFound'
  | 'noForm'
  | 'form'
  | 'edit'
  | 'save'
  | 'cancel'
  | 'saved'
  | 'created'
  | 'stale'
  | 'openItem'
  | 'kind.master'
  | 'kind.flow'
  | 'updated'
  | 'new.title'
  | 'new.create'
  | 'new.onlyMaster'
  | 'history'
  | 'history.empty'
  | 'history.more'
  | 'history.system'
  | 'action.record.create'
  | 'action.record.update'
  | 'action.record.delete'
  | 'history.changed'
  | 'related'
  | 'related.empty'
  | 'related.count'
  | 'related.record'
  | 'related.newest'
  | 'yes'
  | 'no';

export type RecordTextKey = Key;

export const RECORD_TEXTS: Dictionary<Key> = {
  'zh-CN': {
    back: '返回数据',
    loading: '正在加载…',
    notFound: '找不到这条记录，或您没有查看的权限。',
    noForm: '此表没有表单，以下为记录的值。',
    form: '记录',
    edit: '编辑',
    save: '保存',
    cancel: '取消',
    saved: '已保存。',
    created: '记录已创建。',
    stale: '已重新加载最新内容，请重新编辑。',
    openItem: '打开所属事项',
    'kind.master': '基础资料',
    'kind.flow': '流程数据',
    updated: '更新于 {at}',
    'new.title': '新建{table}',
    'new.create': '创建',
    'new.onlyMaster': '只能在基础资料表中直接新建记录；流程数据请从“新建事项”发起。',
    history: '变更历史',
    'history.empty': '暂无变更记录。',
    'history.more': '更多',
    'history.system': '系统',
    'action.record.create': '创建',
    'action.record.update': '修改',
    'action.record.delete': '删除',
    'history.changed': '修改了：',
    related: '关联数据',
    'related.empty': '暂无关联到此记录的数据。',
    'related.count': '共 {count} 条',
    'related.record': '记录',
    'related.newest': '仅显示最新的 {shown} 条。',
    yes: '是',
    no: '否',
  },
  en: {
    back: 'Back to data',
    loading: 'Loading…',
    notFound: 'This record was not found, or you may not see it.',
    noForm: 'This table has no form; here are the values of the record.',
    form: 'Record',
    edit: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved.',
    created: 'Record created.',
    stale: 'The latest version is shown; edit it again.',
    openItem: 'Open its flow item',
    'kind.master': 'Master data',
    'kind.flow': 'Flow data',
    updated: 'Updated {at}',
    'new.title': 'New {table}',
    'new.create': 'Create',
    'new.onlyMaster':
      'Records are created directly only in master tables; start a flow item for flow data.',
    history: 'History',
    'history.empty': 'No changes yet.',
    'history.more': 'More',
    'history.system': 'System',
    'action.record.create': 'Created',
    'action.record.update': 'Changed',
    'action.record.delete': 'Deleted',
    'history.changed': 'Changed: ',
    related: 'Related records',
    'related.empty': 'No records link to this one yet.',
    'related.count': '{count} in all',
    'related.record': 'Record',
    'related.newest': 'Only the newest {shown} are shown.',
    yes: 'Yes',
    no: 'No',
  },
};
