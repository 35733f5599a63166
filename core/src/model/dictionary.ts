import Type, { type Static } from 'typebox';
import { Id, LocalizedTextSchema, SchemaVersion } from './common.ts';

/** A data dictionary (数据字典): the options a select field offers, shared across tables. */
export const DictionarySchema = Type.Object(
  {
    schemaVersion: Type.Optional(SchemaVersion),
    id: Id,
    label: LocalizedTextSchema,
    items: Type.Array(
      Type.Object(
        {
          value: Type.String({ minLength: 1, maxLength: 100 }),
          label: LocalizedTextSchema,
          color: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
          disabled: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);

export type DictionaryDefinition = Static<typeof DictionarySchema>;
