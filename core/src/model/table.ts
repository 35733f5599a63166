import Type, { type Static } from 'typebox';
import { Id, LocalizedTextSchema, SchemaVersion } from './common.ts';
import { FieldSchema } from './field.ts';

/**
 * A table: a master table (底表, filled without a flow) or a flow table (each record carries
 * a flow instance). Its fields, through their types, define the JSON Schema of its records.
 */
export const TableSchema = Type.Object(
  {
    schemaVersion: Type.Optional(SchemaVersion),
    id: Id,
    label: LocalizedTextSchema,
    description: Type.Optional(LocalizedTextSchema),
    kind: Type.Union([Type.Literal('master'), Type.Literal('flow')]),
    fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 2000 }),
    /** The field shown as a record's name in links, lists and the inbox. */
    titleField: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export type TableDefinition = Static<typeof TableSchema>;
