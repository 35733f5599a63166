/** An expense flow: the drafter's department head, then finance, then a guarded budget write-back. */
export function spendApp(): Record<string, unknown> {
  const money = { currency: 'CNY', scale: 2 };
  return {
    schemaVersion: 1,
    id: 'spend',
    label: { en: 'Spending', 'zh-CN': '费用' },
    roles: ['staff', 'finance', 'director'].map((id) => ({ id, label: id })),
    tables: [
      {
        id: 'expense',
        kind: 'flow',
        label: { en: 'Expense', 'zh-CN': '费用申请' },
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: 'Title', required: true },
          { id: 'amount', type: 'money', label: 'Amount', required: true, config: money },
          { id: 'budgetLine', type: 'link', label: 'Budget line', config: { table: 'budget' } },
          { id: 'secret', type: 'text', label: 'Internal note' },
          { id: 'note', type: 'text', label: 'Finance note' },
        ],
      },
      {
        id: 'budget',
        kind: 'master',
        label: { en: 'Budget ledger', 'zh-CN': '预算台账' },
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: 'Name', required: true },
          { id: 'total', type: 'money', label: 'Total', config: money },
          { id: 'used', type: 'money', label: 'Used', config: money },
          { id: 'remaining', type: 'money', label: 'Remaining', config: money },
        ],
      },
    ],
    forms: [
      {
        id: 'expenseForm',
        label: 'Expense',
        table: 'expense',
        sections: [
          {
            id: 'main',
            items: ['title', 'amount', 'budgetLine', 'secret', 'note'].map((field) => ({ field })),
          },
        ],
        rights: { finance: { default: 'read', fields: { secret: 'hidden', note: 'edit' } } },
      },
    ],
    flows: [
      {
        id: 'expense',
        label: { en: 'Expense request', 'zh-CN': '费用申请' },
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'head', type: 'approval', config: { assignees: [{ kind: 'departmentHead' }] } },
          {
            id: 'finance',
            type: 'approval',
            config: {
              assignees: [{ kind: 'role', role: 'finance' }],
              deadline: { after: 'PT2H', supervisor: { kind: 'role', role: 'director' } },
            },
          },
          {
            id: 'deduct',
            type: 'write-back',
            config: {
              target: 'budget',
              mode: 'increment',
              recordId: 'budgetLine',
              mapping: { used: 'amount', remaining: 'decimal("0") - amount' },
              guard: {
                rule: 'target.remaining >= amount',
                message: {
                  en: 'the amount is over the remaining budget',
                  'zh-CN': '金额超出预算余额',
                },
              },
            },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'e1', from: 'start', to: 'head' },
          { id: 'e2', from: 'head', to: 'finance' },
          { id: 'e3', from: 'finance', to: 'deduct' },
          { id: 'e4', from: 'deduct', to: 'end' },
        ],
      },
      {
        id: 'purchase',
        label: { en: 'Purchase with a review', 'zh-CN': '采购（含评审子流程）' },
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'review',
            type: 'sub-flow',
            config: { flow: 'review', mapping: { title: '"评审：" + title', amount: 'amount' } },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'p1', from: 'start', to: 'review' },
          { id: 'p2', from: 'review', to: 'end' },
        ],
      },
      {
        id: 'review',
        label: { en: 'Review', 'zh-CN': '评审' },
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'check',
            type: 'approval',
            config: { assignees: [{ kind: 'role', role: 'director' }] },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'r1', from: 'start', to: 'check' },
          { id: 'r2', from: 'check', to: 'end' },
        ],
      },
    ],
  };
}
