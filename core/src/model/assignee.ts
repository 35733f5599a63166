import Type, { type Static } from 'typebox';
import { Expression, Id, IsoDuration, LocalizedTextSchema } from './common.ts';

/**
 * Who a task goes to. Node types that create tasks use this schema in their config, and
 * report their rules through `assignees()`, so the flow checker can tell unresolvable ones.
 */
export const AssigneeRuleSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('user'),
      users: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('role'), role: Id }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('initiator') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('departmentHead'),
      /** Whose department: the initiator's, or the one held in a department/user field. */
      of: Type.Optional(Id),
      /** 0 = that department's head, 1 = the parent department's head, … */
      levelsUp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('manager'), levels: Type.Integer({ minimum: 1, maximum: 10 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('field'), field: Id }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('department'), department: Type.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
]);

/** A deadline on a node (超期提醒): a fixed duration, or a CEL expression (e.g. by priority). */
export const DeadlineSchema = Type.Object(
  {
    /** ISO-8601 duration such as P2D or PT4H. */
    after: Type.Optional(IsoDuration),
    /** CEL returning a duration, e.g. `priority == "P1" ? duration("4h") : duration("48h")`. */
    afterExpr: Type.Optional(Expression),
    /** Remind before the deadline, as an ISO-8601 duration. */
    remindBefore: Type.Optional(IsoDuration),
    /** Who is told besides the assignee when the deadline passes. */
    supervisor: Type.Optional(AssigneeRuleSchema),
    message: Type.Optional(LocalizedTextSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export type AssigneeRule = Static<typeof AssigneeRuleSchema>;
export type Deadline = Static<typeof DeadlineSchema>;
