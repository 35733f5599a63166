import { Type } from '@tessera/core';

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

const COMMANDS = [
  'submit',
  'saveDraft',
  'approve',
  'reject',
  'return',
  'withdraw',
  'transfer',
  'addSigner',
  'urge',
  'comment',
  'read',
] as const;

export const CommandSchema = Type.Object(
  {
    type: Type.Union(
      COMMANDS.map((name) => Type.Literal(name)),
      {
        description: '提交 保存待发 同意 驳回 回退 撤回 转办 加签 催办 评论 已阅',
      },
    ),
    task: Type.Optional(Id),
    opinion: Type.Optional(Opinion),
    to: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'return: previous, drafter or a node id; transfer: a user id',
      }),
    ),
    resubmit: Type.Optional(
      Type.Union([Type.Literal('flow'), Type.Literal('straight')], {
        description: 'return: whether the resubmission comes straight back',
      }),
    ),
    users: Type.Optional(
      Type.Array(Id, {
        minItems: 1,
        maxItems: 20,
        uniqueItems: true,
        description: 'addSigner: who is added',
      }),
    ),
    placement: Type.Optional(Type.Union([Type.Literal('before'), Type.Literal('after')])),
    choose: Type.Optional(Choose),
    values: Type.Optional(Values),
    rev: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'the record revision you read, with values',
      }),
    ),
  },
  { additionalProperties: false, title: 'FlowCommand' },
);

/** The fields each command needs besides `type`. */
export const REQUIRED_FIELDS: Readonly<Record<(typeof COMMANDS)[number], readonly string[]>> = {
  submit: [],
  saveDraft: [],
  approve: ['task'],
  reject: ['task'],
  return: ['task', 'to'],
  withdraw: [],
  transfer: ['task', 'to'],
  addSigner: ['task', 'users', 'placement'],
  urge: [],
  comment: ['opinion'],
  read: ['task'],
};

const Loose = Type.Unknown();

export const FlowItemSchema = Type.Object(
  {
    id: Type.String({ description: 'the item id (its record is record:<id>)' }),
    app: Type.String(),
    version: Type.Integer(),
    flow: Type.String(),
    status: Type.String({ description: 'draft, running, approved, rejected or cancelled' }),
    outcome: Type.Optional(Type.String()),
    initiator: Type.String(),
    createdAt: Type.String(),
    submittedAt: Type.Optional(Type.String()),
    endedAt: Type.Optional(Type.String()),
    record: Type.Object({ id: Type.String(), _rev: Type.String(), values: Type.Object({}) }),
    tasks: Type.Array(Loose),
    timeline: Type.Array(Loose, { description: 'who did what, when, with which opinion' }),
    mine: Type.Array(Loose, { description: 'your open tasks on the item' }),
    rights: Type.Object({ node: Type.Optional(Type.String()), fields: Type.Object({}) }),
    passed: Type.Array(Type.String(), { description: 'task nodes passed: where a return may go' }),
    diagram: Type.Object({ nodes: Type.Array(Loose), edges: Type.Array(Loose) }),
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

export const BOXES = ['draft', 'todo', 'done', 'submitted', 'cc'] as const;
