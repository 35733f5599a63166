import { type Static, type TProperties, Type } from 'typebox';
import { LocalizedTextSchema } from '../model/common.ts';
import { ErrorSchema, pageQueryFields } from './common-schemas.ts';
import { route } from './route-contract.ts';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Opinion = Type.String({
  maxLength: 2000,
  description: 'the opinion written with the action (审批意见)',
});
const Values = Type.Record(Type.String(), Type.Unknown(), {
  description: 'field values by field id; only fields your node may edit',
});
const Choose = Type.Record(Type.String(), Type.Array(Id, { minItems: 1, maxItems: 1 }), {
  description: 'for a next node in single mode (选人): the one person picked, by node id',
});
const Loose = Type.Object({}, { additionalProperties: true });

export const StartItemSchema = Type.Object(
  {
    values: Values,
    submit: Type.Optional(
      Type.Boolean({ description: 'submit at once (default), or keep it as a draft (待发)' }),
    ),
    opinion: Type.Optional(Opinion),
    choose: Type.Optional(Choose),
  },
  { additionalProperties: false, title: 'StartItem' },
);

/** What every command may carry: an opinion, and edits of the record saved with it. */
const commandParts = {
  opinion: Type.Optional(Opinion),
  values: Type.Optional(Values),
  rev: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'the record revision you read, with values',
    }),
  ),
};

/** One command of the union: `type` tells it apart; its own fields override the common ones. */
const command = <T extends string, P extends TProperties>(type: T, label: string, fields: P) =>
  Type.Object(
    { ...commandParts, ...fields, type: Type.Literal(type, { description: label }) },
    { additionalProperties: false, title: `FlowCommand.${type}` },
  );

const Task = Type.String({ minLength: 1, maxLength: 200, description: 'the task acted on' });
const DraftTask = Type.Optional(
  Type.String({ minLength: 1, maxLength: 200, description: 'your draft task (ignored)' }),
);

/**
 * What a person does to a flow item (`POST /flow-items/:id/commands`), told apart by `type`.
 * The one vocabulary of person commands: the runtime's `PersonCommand` is this with the actor.
 */
export const FlowCommandSchema = Type.Union(
  [
    command('submit', '提交', { task: DraftTask, choose: Type.Optional(Choose) }),
    command('saveDraft', '保存待发', { task: DraftTask }),
    command('approve', '同意', { task: Task, choose: Type.Optional(Choose) }),
    command('reject', '驳回', { task: Task }),
    command('return', '回退', {
      task: Task,
      to: Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'previous, drafter or the id of a node already passed',
      }),
      resubmit: Type.Optional(
        Type.Union([Type.Literal('flow'), Type.Literal('straight')], {
          description: 'whether the resubmission comes straight back',
        }),
      ),
    }),
    command('withdraw', '撤回', {}),
    command('transfer', '转办', {
      task: Task,
      to: Type.String({ minLength: 1, maxLength: 200, description: 'a user id' }),
    }),
    command('addSigner', '加签', {
      task: Task,
      users: Type.Array(Id, {
        minItems: 1,
        maxItems: 20,
        uniqueItems: true,
        description: 'who is added',
      }),
      placement: Type.Union([Type.Literal('before'), Type.Literal('after')]),
    }),
    command('urge', '催办', {}),
    command('comment', '评论', { opinion: Opinion }),
    command('read', '已阅', { task: Task }),
  ],
  { title: 'FlowCommand' },
);

/** A command as the API takes it; `values` (with `rev`) edits the record first. */
export type FlowCommandBody = Static<typeof FlowCommandSchema>;

const ItemTaskSchema = Type.Object(
  {
    id: Type.String(),
    node: Type.String(),
    kind: Type.Union([Type.Literal('draft'), Type.Literal('approve'), Type.Literal('cc')]),
    assignee: Type.String(),
    status: Type.String({ description: 'open, waiting, approved, rejected, unread, read …' }),
    createdAt: Type.String(),
    due: Type.Optional(Type.String()),
    overdue: Type.Optional(Type.Boolean()),
    actedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: true, title: 'ItemTask' },
);

const TimelineEntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    actor: Type.String({ description: 'a user id, or system' }),
    action: Type.String(),
    node: Type.Optional(Type.String()),
    opinion: Type.Optional(Type.String()),
    users: Type.Optional(Type.Array(Type.String())),
    needed: Type.Optional(
      Type.Integer({ description: 'entering a countersign: how many of users must approve' }),
    ),
    to: Type.Optional(Type.String()),
    outcome: Type.Optional(Type.String()),
  },
  { additionalProperties: true, title: 'TimelineEntry' },
);

const DiagramSchema = Type.Object({
  nodes: Type.Array(
    Type.Object(
      {
        id: Type.String(),
        type: Type.String(),
        label: Type.Optional(LocalizedTextSchema),
        state: Type.Union([Type.Literal('done'), Type.Literal('active'), Type.Literal('pending')]),
        position: Type.Optional(Type.Object({ x: Type.Number(), y: Type.Number() })),
        needed: Type.Optional(Type.Object({ atLeast: Type.Integer(), of: Type.Integer() })),
      },
      { additionalProperties: true },
    ),
  ),
  edges: Type.Array(
    Type.Object({
      id: Type.String(),
      from: Type.String(),
      to: Type.String(),
      taken: Type.Boolean(),
    }),
  ),
});

export const FlowItemSchema = Type.Object(
  {
    id: Type.String({ description: 'the item id (its record is record:<id>)' }),
    app: Type.String(),
    version: Type.Integer(),
    flow: Type.String(),
    status: Type.Union(
      [
        Type.Literal('draft'),
        Type.Literal('running'),
        Type.Literal('approved'),
        Type.Literal('rejected'),
        Type.Literal('cancelled'),
      ],
      { description: 'draft, running, approved, rejected or cancelled' },
    ),
    outcome: Type.Optional(Type.String()),
    initiator: Type.String(),
    createdAt: Type.String(),
    submittedAt: Type.Optional(Type.String()),
    endedAt: Type.Optional(Type.String()),
    record: Type.Object({
      id: Type.String(),
      _rev: Type.String(),
      values: Type.Record(Type.String(), Type.Unknown()),
    }),
    tasks: Type.Array(ItemTaskSchema),
    timeline: Type.Array(TimelineEntrySchema, {
      description: 'who did what, when, with which opinion',
    }),
    mine: Type.Array(ItemTaskSchema, { description: 'your open tasks on the item' }),
    rights: Type.Object({
      node: Type.Optional(Type.String()),
      fields: Type.Record(Type.String(), Type.String(), {
        description: 'by field id: hidden, read, edit or required',
      }),
    }),
    passed: Type.Array(Type.String(), { description: 'task nodes passed: where a return may go' }),
    diagram: DiagramSchema,
  },
  { title: 'FlowItem' },
);

export const SimulateSchema = Type.Object(
  {
    values: Values,
    initiator: Type.Optional(Id),
    decisions: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.Literal('approve'), Type.Literal('reject')])),
    ),
  },
  { additionalProperties: false, title: 'Simulation' },
);

/** The boxes of the inbox (事项箱). */
const BoxSchema = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('todo'),
    Type.Literal('done'),
    Type.Literal('submitted'),
    Type.Literal('cc'),
  ],
  { description: 'draft 待发, todo 待办, done 已办, submitted 已发, cc 知会' },
);

/** One line of the inbox: the entry of a task (or of the drafter's submitted item), with titles. */
export const InboxItemSchema = Type.Object(
  {
    user: Type.String(),
    box: BoxSchema,
    app: Type.String(),
    version: Type.Integer(),
    flow: Type.String(),
    instance: Type.String({ description: 'the flow item' }),
    record: Type.String(),
    initiator: Type.String(),
    task: Type.Optional(Type.String({ description: "absent for the drafter's submitted entry" })),
    node: Type.Optional(Type.String()),
    status: Type.String(),
    createdAt: Type.String(),
    actedAt: Type.Optional(Type.String()),
    due: Type.Optional(Type.String()),
    overdue: Type.Optional(Type.Boolean()),
    title: Type.String({ description: "the item's title" }),
    appLabel: Type.Optional(LocalizedTextSchema),
    flowLabel: Type.Optional(LocalizedTextSchema),
    nodeLabel: Type.Optional(LocalizedTextSchema),
    initiatorName: Type.Optional(Type.String()),
  },
  { additionalProperties: true, title: 'InboxItem' },
);

export const InboxCountsSchema = Type.Object({
  todo: Type.Integer(),
  overdue: Type.Integer(),
  draft: Type.Integer(),
  ccUnread: Type.Integer(),
});

const tags = ['flows'];

/** Flow items: start one, act on it, read it; the inbox; simulation and analytics for designers. */
export const flowsApi = {
  start: route({
    method: 'post',
    path: '/apps/:app/flows/:flow/items',
    summary: { en: 'Start a flow item (发起)', 'zh-CN': '发起流程事项' },
    description: {
      en: 'Creates the record with the latest published version and submits it (or keeps it as a draft with submit: false). An Idempotency-Key makes a retry start nothing more.',
      'zh-CN':
        '以最新发布版本创建记录并提交（submit: false 则保存为待发）。带 Idempotency-Key 重试不会重复发起。',
    },
    tags,
    body: StartItemSchema,
    responses: { 201: FlowItemSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
  }),
  item: route({
    method: 'get',
    path: '/flow-items/:id',
    summary: {
      en: 'A flow item: form values, tasks, timeline, diagram',
      'zh-CN': '流程事项：表单数据、待办、流程日志、流程图',
    },
    tags,
    responses: { 200: FlowItemSchema, 404: ErrorSchema },
  }),
  act: route({
    method: 'post',
    path: '/flow-items/:id/commands',
    summary: { en: 'Act on a flow item', 'zh-CN': '处理流程事项' },
    description: {
      en: 'Approve, reject, return, transfer, add signers, withdraw, urge, comment, submit. Two people acting on one task at once: one wins, the other gets 409 task_closed. Send an Idempotency-Key to make a retry safe.',
      'zh-CN':
        '同意、驳回、回退、转办、加签、撤回、催办、评论、提交。两人同时处理同一待办：一人成功，另一人得到 409 task_closed。带 Idempotency-Key 可安全重试。',
    },
    tags,
    body: FlowCommandSchema,
    responses: { 200: FlowItemSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
  }),
  inbox: route({
    method: 'get',
    path: '/inbox',
    summary: {
      en: 'My inbox: todo, done, submitted, CC, drafts',
      'zh-CN': '我的事项：待办、已办、已发、知会、待发',
    },
    tags,
    query: Type.Object({
      box: BoxSchema,
      q: Type.Optional(
        Type.String({ maxLength: 200, description: 'search titles, labels and initiators' }),
      ),
      ...pageQueryFields,
    }),
    responses: {
      200: Type.Object({
        items: Type.Array(InboxItemSchema),
        next: Type.Optional(Type.String()),
      }),
    },
  }),
  inboxCounts: route({
    method: 'get',
    path: '/inbox/counts',
    summary: { en: 'How many items wait in my inbox', 'zh-CN': '我的待处理事项数' },
    tags,
    responses: { 200: InboxCountsSchema },
  }),
  simulate: route({
    method: 'post',
    path: '/apps/:app/flows/:flow/simulate',
    summary: { en: "Simulate a flow of the app's draft (仿真)", 'zh-CN': '仿真应用草稿中的流程' },
    description: {
      en: 'Runs the flow on sample values with nothing stored or sent: the path, the assignees per node, the write-backs it would make, each tried against its target record as the run would (one that would fail is a finding naming its node and field, and the result is not ok).',
      'zh-CN':
        '用示例数据运行流程，不保存也不发送：经过的路径、各节点处理人、将产生的回写；每个回写都像实际运行一样对目标记录试算（会失败的回写作为问题列出，指明节点和字段，结果为不通过）。',
    },
    tags,
    body: SimulateSchema,
    responses: { 200: Loose, 400: ErrorSchema, 404: ErrorSchema },
  }),
  analytics: route({
    method: 'get',
    path: '/apps/:app/flows/:flow/analytics',
    summary: {
      en: 'Flow analytics: counts, durations, overdue',
      'zh-CN': '流程分析：数量、耗时、超期',
    },
    tags,
    responses: { 200: Loose },
  }),
};
