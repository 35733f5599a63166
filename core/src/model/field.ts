import Type, { type Static } from 'typebox';
import { Expression, Id, LocalizedTextSchema, SchemaVersion } from './common.ts';

/**
 * A field of a table. Its `type` names a field type contributed by a plugin; `config`
 * holds that type's settings and is validated by the field type's own schema.
 */
export const FieldSchema = Type.Object(
  {
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 64 }),
    label: LocalizedTextSchema,
    description: Type.Optional(LocalizedTextSchema),
    required: Type.Optional(Type.Boolean()),
    /** A CEL expression giving the value a new record starts with. */
    default: Type.Optional(Expression),
    /** CEL expressions that must be true for a record to be saved, each with its message. */
    checks: Type.Optional(
      Type.Array(
        Type.Object(
          { rule: Expression, message: LocalizedTextSchema },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** Version of `config`'s shape, for the field type's own migrations. */
    configVersion: Type.Optional(SchemaVersion),
  },
  { additionalProperties: false },
);

export type FieldDefinition = Static<typeof FieldSchema>;
