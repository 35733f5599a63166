import fc from 'fast-check';

/**
 * The definition of an authorisation world, as fast-check generates it: the app its people
 * use, the department tree, who is in which department and heads it, which app roles they
 * hold, the row scope of each role on each table, and what each of them makes and does.
 */

export const APP = 'authz';
export const ROLES = ['staff', 'finance', 'director', 'auditor'] as const;
export const TABLES = ['expense', 'budget'] as const;
export type Role = (typeof ROLES)[number];
export type TableId = (typeof TABLES)[number];
export type Scope = 'all' | 'own' | 'department';

/** Flow table `expense` (link, attachment) and master table `budget`; three views. */
export function authorisationApp(): Record<string, unknown> {
  const money = { currency: 'CNY', scale: 2 };
  const text = (en: string, zh: string) => ({ en, 'zh-CN': zh });
  return {
    schemaVersion: 1,
    id: APP,
    label: text('Authorisation world', '权限世界'),
    roles: ROLES.map((id) => ({ id, label: text(id, id) })),
    tables: [
      {
        id: 'expense',
        kind: 'flow',
        label: text('Expense', '费用'),
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: text('Title', '标题'), required: true },
          { id: 'amount', type: 'money', label: text('Amount', '金额'), config: money },
          {
            id: 'budgetLine',
            type: 'link',
            label: text('Budget line', '预算'),
            config: { table: 'budget' },
          },
          {
            id: 'receipt',
            type: 'attachment',
            label: text('Receipt', '票据'),
            config: { maxFiles: 2, maxSize: 4096, accept: ['application/pdf', '.pdf'] },
          },
        ],
      },
      {
        id: 'budget',
        kind: 'master',
        label: text('Budget', '预算'),
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: text('Name', '名称'), required: true },
          { id: 'total', type: 'money', label: text('Total', '总额'), config: money },
        ],
      },
    ],
    forms: [
      {
        id: 'expenseForm',
        label: text('Expense', '费用'),
        table: 'expense',
        sections: [
          {
            id: 'main',
            items: ['title', 'amount', 'budgetLine', 'receipt'].map((field) => ({ field })),
          },
        ],
      },
    ],
    flows: [
      {
        id: 'claim',
        label: text('Expense claim', '报销'),
        table: 'expense',
        form: 'expenseForm',
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'head', type: 'approval', config: { assignees: [{ kind: 'departmentHead' }] } },
          {
            id: 'tell',
            type: 'notify',
            config: { recipients: [{ kind: 'role', role: 'director' }] },
          },
          {
            id: 'finance',
            type: 'approval',
            config: { assignees: [{ kind: 'role', role: 'finance' }] },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'e1', from: 'start', to: 'head' },
          { id: 'e2', from: 'head', to: 'tell' },
          { id: 'e3', from: 'tell', to: 'finance' },
          { id: 'e4', from: 'finance', to: 'end' },
        ],
      },
    ],
    views: [
      {
        id: 'expenses',
        label: text('Expenses', '费用列表'),
        table: 'expense',
        type: 'list',
        columns: ['title', 'amount', 'budgetLine', 'receipt'].map((field) => ({ field })),
      },
      {
        id: 'byBudget',
        label: text('Expenses by budget', '按预算统计'),
        table: 'expense',
        type: 'chart',
        groupBy: ['budgetLine'],
        aggregates: [
          { id: 'n', fn: 'count' },
          { id: 'sum', fn: 'sum', field: 'amount' },
        ],
        config: { kind: 'column', x: 'budgetLine', series: [{ aggregate: 'sum' }] },
      },
      {
        id: 'budgets',
        label: text('Budgets', '预算列表'),
        table: 'budget',
        type: 'list',
        columns: [{ field: 'name' }, { field: 'total' }],
      },
    ],
  };
}

/**
 * How far a submitted item went: waiting for the head, rejected by them, waiting for finance,
 * approved; urged, withdrawn by its drafter (a draft again) and renamed; or approved by the
 * head, returned to the drafter by finance, resubmitted, withdrawn and renamed.
 */
export type Stage = 'head' | 'rejected' | 'finance' | 'approved' | 'withdrawn' | 'reworked';

export interface WorldSpec {
  /** Parent of each department by index (the first is the root: its entry is ignored). */
  readonly parents: readonly number[];
  /** Generated people; the first is an admin, the others plain users. */
  readonly people: readonly { readonly department: number | null }[];
  /** Per department: which of its members heads it (modulo), or none. */
  readonly heads: readonly (number | null)[];
  readonly roles: Readonly<
    Record<Role, { readonly users: readonly number[]; readonly departments: readonly number[] }>
  >;
  readonly rows: Readonly<Record<TableId, Readonly<Partial<Record<Role, Scope>>>>>;
  /** Budget lines, each made by a member (index modulo the members). */
  readonly budgets: readonly { readonly by: number }[];
  readonly expenses: readonly {
    /** The drafter: a member whose department has a head, or (headless) any member. */
    readonly by: number;
    readonly headless: boolean;
    readonly draft: boolean;
    readonly amount: number;
    readonly budget: number | null;
    readonly attach: boolean;
    readonly stage: Stage;
    readonly urge: boolean;
  }[];
  /** Who uploads a file and never attaches it (a member, modulo). */
  readonly orphanBy: number;
}

const subset = (max: number) => fc.uniqueArray(fc.nat({ max: max - 1 }), { maxLength: 3 });

/** Worlds of 3–4 departments, 5–6 generated people, 2–3 budget lines and 4–6 expenses. */
export function worldSpec(): fc.Arbitrary<WorldSpec> {
  const scope = fc.constantFrom<Scope | undefined>('all', 'own', 'department', undefined);
  const rules = fc.record({
    staff: scope,
    finance: scope,
    director: scope,
    auditor: scope,
  });
  return fc
    .record({ departments: fc.integer({ min: 3, max: 4 }), people: fc.integer({ min: 5, max: 6 }) })
    .chain(({ departments, people }) =>
      fc.record({
        parents: fc.array(fc.nat(), { minLength: departments, maxLength: departments }),
        people: fc.array(
          fc.record({
            department: fc.option(fc.nat({ max: departments - 1 }), { freq: 8, nil: null }),
          }),
          { minLength: people, maxLength: people },
        ),
        heads: fc.array(fc.option(fc.nat(), { freq: 6, nil: null }), {
          minLength: departments,
          maxLength: departments,
        }),
        roles: fc.record({
          staff: fc.record({ users: subset(people), departments: subset(departments) }),
          finance: fc.record({
            users: fc.uniqueArray(fc.integer({ min: 1, max: people - 1 }), {
              minLength: 1,
              maxLength: 2,
            }),
            departments: subset(departments),
          }),
          director: fc.record({
            users: fc.uniqueArray(fc.integer({ min: 1, max: people - 1 }), {
              minLength: 1,
              maxLength: 2,
            }),
            departments: fc.constant([]),
          }),
          auditor: fc.record({ users: fc.constant([]), departments: subset(departments) }),
        }),
        rows: fc.record({ expense: rules, budget: rules }),
        budgets: fc.array(fc.record({ by: fc.nat() }), { minLength: 2, maxLength: 3 }),
        expenses: fc.array(
          fc.record({
            by: fc.nat(),
            headless: fc.nat({ max: 5 }).map((n) => n === 0),
            draft: fc.nat({ max: 4 }).map((n) => n === 0),
            amount: fc.integer({ min: 1, max: 999 }),
            budget: fc.option(fc.nat(), { nil: null }),
            attach: fc.boolean(),
            stage: fc.constantFrom<Stage>(
              'head',
              'rejected',
              'finance',
              'approved',
              'withdrawn',
              'reworked',
            ),
            urge: fc.boolean(),
          }),
          { minLength: 4, maxLength: 6 },
        ),
        orphanBy: fc.nat(),
      }),
    )
    .map(withHeadedDepartment);
}

/** People 1 and 2 share a department that one of them heads: someone's items reach a head. */
function withHeadedDepartment(spec: WorldSpec): WorldSpec {
  const shared = spec.people[1]!.department ?? 0;
  const people = spec.people.map((one, at) =>
    at === 1 || at === 2 ? { department: shared } : one,
  );
  const heads = spec.heads.map((one, at) => (at === shared ? (one ?? 0) : one));
  return { ...spec, people, heads };
}
