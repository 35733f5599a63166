import { Expression, Id, type Static, Type } from '@tessera/core';

export const SubFlowConfig = Type.Object(
  {
    /** The flow started for this instance. */
    flow: Id,
    /** Field of the sub-flow's table → CEL over this flow's record, for the new record. */
    mapping: Type.Optional(Type.Record(Id, Expression, { additionalProperties: false })),
    /** Whether this instance waits for the sub-flow to finish before moving on. */
    wait: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export type SubFlowConfigValue = Static<typeof SubFlowConfig>;
