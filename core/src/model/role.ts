import Type, { type Static } from 'typebox';
import { Id, LocalizedTextSchema, SchemaVersion } from './common.ts';

/** A role named by an app (e.g. 法务 Legal), mapped to users or departments at install. */
export const RoleSchema = Type.Object(
  {
    schemaVersion: Type.Optional(SchemaVersion),
    id: Id,
    label: LocalizedTextSchema,
    description: Type.Optional(LocalizedTextSchema),
  },
  { additionalProperties: false },
);

export type RoleDefinition = Static<typeof RoleSchema>;
