/**
 * A pack that uses every field type of field-basic and every node type of flow-basic: a
 * marketing expense request deducted from a budget ledger, with a parallel review, a
 * countersign by share, a notification, a timer and a sub-flow. Tests copy it and break it.
 */
export function budgetPack(): Record<string, unknown> {
  const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
  return {
    schemaVersion: 1,
    name: 'marketing-budget',
    version: '1.0.0',
    label: label('Marketing budget', '营销费用'),
    requires: {
      '@tessera/plugin-field-basic': '^0.1.0',
      '@tessera/plugin-flow-basic': '^0.1.0',
      '@tessera/plugin-view-basic': '^0.1.0',
    },
    roles: [
      { id: 'director', label: label('Marketing director', '市场总监') },
      { id: 'cfo', label: label('CFO', '财务总监') },
      { id: 'vp', label: label('VP Marketing', '市场分管领导') },
    ],
    dictionaries: [
      {
        id: 'channels',
        label: label('Channels', '渠道'),
        items: [
          { value: 'online', label: label('Online', '线上') },
          { value: 'offline', label: label('Offline', '线下') },
        ],
      },
    ],
    tables: [
      {
        id: 'budget',
        kind: 'master',
        label: label('Budget ledger', '预算台账'),
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: label('Budget line', '预算项') },
          { id: 'total', type: 'money', label: label('Total', '总额'), required: true },
          { id: 'used', type: 'money', label: label('Used', '已用') },
          { id: 'remaining', type: 'money', label: label('Remaining', '剩余') },
          { id: 'owner', type: 'department', label: label('Department', '部门') },
        ],
      },
      {
        id: 'expense',
        kind: 'flow',
        label: label('Expense request', '费用申请'),
        titleField: 'title',
        fields: [
          {
            id: 'code',
            type: 'auto-number',
            label: label('No.', '编号'),
            config: { pattern: 'FY-{yyyy}-{seq:4}' },
          },
          { id: 'title', type: 'text', label: label('Title', '标题'), required: true },
          { id: 'reason', type: 'long-text', label: label('Reason', '事由') },
          { id: 'detail', type: 'rich-text', label: label('Detail', '详细说明') },
          {
            id: 'budgetLine',
            type: 'link',
            label: label('Budget line', '预算项'),
            config: { table: 'budget', displayField: 'name' },
          },
          { id: 'amount', type: 'money', label: label('Amount', '金额'), required: true },
          { id: 'share', type: 'percent', label: label('Share of line', '占比') },
          { id: 'people', type: 'number', label: label('Attendees', '人数') },
          { id: 'start', type: 'date', label: label('Start', '开始日期') },
          { id: 'deadline', type: 'datetime', label: label('Deadline', '截止时间') },
          {
            id: 'channel',
            type: 'select',
            label: label('Channel', '渠道'),
            config: { dictionary: 'channels' },
          },
          {
            id: 'tags',
            type: 'multi-select',
            label: label('Tags', '标签'),
            config: {
              options: [
                { value: 'brand', label: 'Brand' },
                { value: 'lead', label: 'Leads' },
              ],
            },
          },
          { id: 'urgent', type: 'boolean', label: label('Urgent', '加急') },
          { id: 'manager', type: 'user', label: label('Manager', '市场经理') },
          { id: 'dept', type: 'department', label: label('Department', '部门') },
          { id: 'files', type: 'attachment', label: label('Files', '附件') },
          { id: 'score', type: 'rating', label: label('Priority', '优先级') },
          {
            id: 'items',
            type: 'sub-table',
            label: label('Items', '费用明细'),
            config: {
              fields: [
                { id: 'what', type: 'text', label: label('Item', '项目') },
                { id: 'qty', type: 'number', label: label('Qty', '数量') },
                { id: 'price', type: 'money', label: label('Price', '单价') },
                {
                  id: 'line',
                  type: 'computed',
                  label: label('Line total', '小计'),
                  config: { expression: 'price * qty', resultType: 'money' },
                },
              ],
              totals: [{ field: 'line', fn: 'sum' }],
            },
          },
          {
            id: 'perHead',
            type: 'computed',
            label: label('Per head', '人均'),
            config: { expression: 'people > 0 ? amount / people : amount', resultType: 'money' },
          },
        ],
      },
      {
        id: 'settlement',
        kind: 'flow',
        label: label('Settlement', '结算'),
        fields: [
          { id: 'amount', type: 'money', label: label('Amount', '金额'), required: true },
          { id: 'paidOn', type: 'date', label: label('Paid on', '付款日期') },
        ],
      },
    ],
    forms: [
      {
        id: 'settlementForm',
        label: label('Settlement', '结算'),
        table: 'settlement',
        sections: [{ id: 'main', items: [{ field: 'amount' }, { field: 'paidOn' }] }],
      },
      {
        id: 'expenseForm',
        label: label('Expense request', '费用申请'),
        table: 'expense',
        sections: [
          {
            id: 'main',
            items: [
              { field: 'title' },
              { field: 'budgetLine' },
              { field: 'amount' },
              { field: 'manager' },
              { field: 'urgent' },
            ],
          },
          {
            id: 'more',
            tab: label('Details', '明细'),
            items: [{ field: 'items' }, { field: 'detail' }, { field: 'files' }],
          },
        ],
        rights: {
          cfoReview: { default: 'read', fields: { amount: 'edit', 'items.price': 'read' } },
        },
        rules: [
          {
            id: 'reasonWhenBig',
            field: 'reason',
            visible: 'amount > 10000',
            required: 'amount > 50000',
          },
        ],
      },
    ],
    flows: [
      {
        id: 'settle',
        label: label('Settlement', '结算'),
        table: 'settlement',
        form: 'settlementForm',
        nodes: [
          { id: 'open', type: 'start' },
          { id: 'pay', type: 'approval', config: { assignees: [{ kind: 'role', role: 'cfo' }] } },
          { id: 'closed', type: 'end' },
        ],
        edges: [
          { id: 's1', from: 'open', to: 'pay' },
          { id: 's2', from: 'pay', to: 'closed' },
        ],
      },
      {
        id: 'request',
        label: label('Expense request', '费用申请'),
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'submit', type: 'start' },
          { id: 'size', type: 'condition' },
          {
            id: 'directorReview',
            type: 'approval',
            config: {
              assignees: [{ kind: 'role', role: 'director' }],
              deadline: { after: 'P2D', supervisor: { kind: 'role', role: 'vp' } },
            },
          },
          { id: 'fork', type: 'parallel-split' },
          {
            id: 'cfoReview',
            type: 'countersign',
            config: {
              assignees: [
                { kind: 'role', role: 'cfo' },
                { kind: 'role', role: 'vp' },
              ],
              rule: { kind: 'share', percent: 50 },
            },
          },
          {
            id: 'tellManager',
            type: 'notify',
            config: { recipients: [{ kind: 'field', field: 'manager' }] },
          },
          { id: 'join', type: 'parallel-join' },
          {
            id: 'deduct',
            type: 'write-back',
            config: {
              target: 'budget',
              mode: 'increment',
              recordId: 'budgetLine',
              mapping: { used: 'amount', remaining: '-amount' },
              guard: {
                rule: 'target.remaining >= amount',
                message: label('Over budget', '超出预算'),
              },
            },
          },
          { id: 'cool', type: 'timer', config: { wait: { after: 'PT1H' } } },
          {
            id: 'settle',
            type: 'sub-flow',
            config: { flow: 'settle', mapping: { amount: 'amount' }, wait: false },
          },
          { id: 'done', type: 'end' },
        ],
        edges: [
          { id: 'e1', from: 'submit', to: 'size' },
          { id: 'e2', from: 'size', to: 'directorReview', condition: 'amount > 10000 || urgent' },
          { id: 'e3', from: 'size', to: 'fork', default: true },
          { id: 'e4', from: 'directorReview', to: 'fork' },
          { id: 'e5', from: 'fork', to: 'cfoReview' },
          { id: 'e6', from: 'fork', to: 'tellManager' },
          { id: 'e7', from: 'cfoReview', to: 'join' },
          { id: 'e8', from: 'tellManager', to: 'join' },
          { id: 'e9', from: 'join', to: 'deduct' },
          { id: 'e10', from: 'deduct', to: 'cool' },
          { id: 'e11', from: 'cool', to: 'settle' },
          { id: 'e12', from: 'settle', to: 'done' },
        ],
      },
    ],
    views: [
      {
        id: 'ledger',
        label: label('Ledger', '台账'),
        table: 'budget',
        type: 'list',
        columns: [{ field: 'name' }, { field: 'total' }, { field: 'remaining' }],
      },
      {
        id: 'byChannel',
        label: label('By channel', '按渠道'),
        table: 'expense',
        type: 'chart',
        groupBy: ['channel'],
        aggregates: [
          { id: 'sum', fn: 'sum', field: 'amount' },
          { id: 'n', fn: 'count' },
        ],
        config: { kind: 'bar', x: 'channel', series: [{ aggregate: 'sum' }] },
      },
    ],
    demo: {
      budget: [{ name: 'Brand Q1', total: '500000.00', used: '0.00', remaining: '500000.00' }],
      expense: [
        {
          title: 'Launch event',
          amount: '12000.00',
          channel: 'offline',
          tags: ['brand'],
          start: '2026-12-01',
          items: [
            { what: 'Venue', qty: 1, price: '8000.00' },
            { what: 'Catering', qty: 40, price: '100.00' },
          ],
        },
      ],
    },
  };
}
