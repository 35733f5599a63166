import { Expression, Id, LocalizedTextSchema, type Static, Type } from '@tessera/core';

/**
 * Target field → CEL over the flow's record (for `increment`, the amount to add). Every
 * expression also sees `created`: node id → the id(s) of the record(s) made by the create
 * write-backs this instance has passed (a forEach node gives a list).
 */
export const WriteBackMapping = Type.Record(Id, Expression, {
  minProperties: 1,
  additionalProperties: false,
});

export const WriteBackConfig = Type.Object(
  {
    /** The table written to, e.g. a ledger (台账) or archive (档案). */
    target: Id,
    /** `create` a record, `update` one, or `increment` numeric fields of one. */
    mode: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('increment')]),
    /** CEL giving the target record's id, usually a link field (`budgetLine`); update/increment only. */
    recordId: Type.Optional(Expression),
    /**
     * `create` only: CEL giving a list, usually a sub-table field (`plan`); one record is made
     * per item, the mapping seeing the item as `row` and its 0-based position as `index`.
     */
    forEach: Type.Optional(Expression),
    mapping: WriteBackMapping,
    /**
     * Refuses the write-back with `message` unless `rule` holds, e.g.
     * `target.remaining >= amount`; checked and reserved on the target record itself.
     */
    guard: Type.Optional(
      Type.Object(
        { rule: Expression, message: LocalizedTextSchema },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type WriteBackConfigValue = Static<typeof WriteBackConfig>;
