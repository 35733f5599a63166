import type { AppDefinition, FormDefinition } from '@tessera/core';

/** An expense claim: linkage on amount, a node that hides and locks, line items with totals. */
export const expenseForm: FormDefinition = {
  id: 'claim',
  label: { en: 'Expense claim', 'zh-CN': '报销单' },
  table: 'claims',
  sections: [
    {
      id: 'main',
      label: { en: 'Claim', 'zh-CN': '报销' },
      columns: 2,
      items: [
        { field: 'title' },
        { field: 'amount' },
        { field: 'reason' },
        { field: 'urgent' },
        { field: 'category' },
        { field: 'due' },
        { field: 'doubled' },
        { field: 'withTax' },
        { field: 'approverNote' },
      ],
    },
    {
      id: 'items',
      label: { en: 'Items', 'zh-CN': '明细' },
      tab: 'Details',
      items: [{ field: 'lines' }],
    },
  ],
  rights: {
    approve: { default: 'read', fields: { approverNote: 'edit', reason: 'hidden' } },
  },
  rules: [
    // a large claim needs a reason; an urgent one cannot change its category
    {
      id: 'r1',
      field: 'reason',
      visible: 'amount > decimal("1000")',
      required: 'amount > decimal("1000")',
    },
    { id: 'r2', field: 'category', readOnly: 'urgent' },
    { id: 'r3', field: 'doubled', value: 'amount * decimal("2")' },
    { id: 'r4', field: 'approverNote', visible: 'urgent' },
  ],
};

export const expenseApp: AppDefinition = {
  schemaVersion: 1,
  id: 'expenses',
  label: { en: 'Expenses', 'zh-CN': '费用' },
  tables: [
    {
      id: 'claims',
      label: { en: 'Claims', 'zh-CN': '报销' },
      kind: 'flow',
      titleField: 'title',
      fields: [
        {
          id: 'title',
          type: 'text',
          label: { en: 'Title', 'zh-CN': '标题' },
          required: true,
          config: { maxLength: 20 },
        },
        {
          id: 'amount',
          type: 'money',
          label: { en: 'Amount', 'zh-CN': '金额' },
          config: { scale: 2, min: '0' },
        },
        { id: 'reason', type: 'long-text', label: { en: 'Reason', 'zh-CN': '理由' } },
        { id: 'urgent', type: 'boolean', label: { en: 'Urgent', 'zh-CN': '加急' } },
        {
          id: 'category',
          type: 'select',
          label: { en: 'Category', 'zh-CN': '类别' },
          config: {
            options: [
              { value: 'travel', label: { en: 'Travel', 'zh-CN': '差旅' } },
              { value: 'meal', label: { en: 'Meal', 'zh-CN': '餐费' } },
            ],
          },
        },
        { id: 'due', type: 'date', label: { en: 'Due', 'zh-CN': '到期日' } },
        { id: 'doubled', type: 'money', label: { en: 'Doubled', 'zh-CN': '双倍' } },
        {
          id: 'withTax',
          type: 'computed',
          label: { en: 'With tax', 'zh-CN': '含税' },
          config: { expression: 'amount * decimal("1.1")', resultType: 'money' },
        },
        { id: 'approverNote', type: 'text', label: { en: 'Approver note', 'zh-CN': '审批意见' } },
        {
          id: 'lines',
          type: 'sub-table',
          label: { en: 'Lines', 'zh-CN': '明细' },
          config: {
            fields: [
              { id: 'item', type: 'text', label: { en: 'Item', 'zh-CN': '项目' }, required: true },
              { id: 'qty', type: 'number', label: { en: 'Qty', 'zh-CN': '数量' } },
              { id: 'price', type: 'money', label: { en: 'Price', 'zh-CN': '单价' } },
              {
                id: 'total',
                type: 'computed',
                label: { en: 'Total', 'zh-CN': '小计' },
                config: { expression: 'price * qty', resultType: 'money' },
              },
            ],
            totals: [
              { field: 'total', fn: 'sum' },
              { field: 'qty', fn: 'sum' },
            ],
          },
        },
      ],
    },
  ],
  forms: [expenseForm],
};
