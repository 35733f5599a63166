import type { Dictionary } from '../../i18n/texts.ts';

export const START_TEXTS: Dictionary<'title' | 'lead' | 'none' | 'search'> = {
  'zh-CN': {
    title: '新建事项',
    lead: '选择一个流程，填写表单后提交审批。',
    none: '还没有已发布的流程。请管理员安装模板包或发布应用。',
    search: '查找流程',
  },
  en: {
    title: 'New item',
    lead: 'Pick a flow, fill in its form and submit it for approval.',
    none: 'No flow is published yet. Ask an admin to install a pack or publish an app.',
    search: 'Find a flow',
  },
};
