import Type, { type Static } from 'typebox';
import { Expression, Id, LocalizedTextSchema, SchemaVersion } from './common.ts';

/** A node of a flow. `type` names a node type from a plugin, which validates `config`. */
export const FlowNodeSchema = Type.Object(
  {
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 64 }),
    label: Type.Optional(LocalizedTextSchema),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    configVersion: Type.Optional(SchemaVersion),
    position: Type.Optional(
      Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/** A directed edge. Out of an exclusive (condition) node, each edge has a condition or is the default. */
export const FlowEdgeSchema = Type.Object(
  {
    id: Id,
    from: Id,
    to: Id,
    label: Type.Optional(LocalizedTextSchema),
    condition: Type.Optional(Expression),
    default: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const FlowSchema = Type.Object(
  {
    schemaVersion: Type.Optional(SchemaVersion),
    id: Id,
    label: LocalizedTextSchema,
    description: Type.Optional(LocalizedTextSchema),
    /** The flow table whose records this flow carries. */
    table: Id,
    /** The form drafters fill and approvers see (with per-node rights). */
    form: Id,
    nodes: Type.Array(FlowNodeSchema, { minItems: 2, maxItems: 500 }),
    edges: Type.Array(FlowEdgeSchema, { minItems: 1, maxItems: 2000 }),
  },
  { additionalProperties: false },
);

export type FlowDefinition = Static<typeof FlowSchema>;
export type FlowNode = Static<typeof FlowNodeSchema>;
export type FlowEdge = Static<typeof FlowEdgeSchema>;
