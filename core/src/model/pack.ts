import Type, { type Static } from 'typebox';
import { appParts, RequiresSchema } from './app.ts';
import { Expression, Id, PackageName, SchemaVersion, SemverVersion } from './common.ts';

/** How many of a table's records a role sees: its members' own, their department's, or all. */
export const RowScopeSchema = Type.Union([
  Type.Literal('own'),
  Type.Literal('department'),
  Type.Literal('all'),
]);

/** One step of a pack's data migration, applied to existing records on upgrade. Data, not code. */
export const DataMigrationStepSchema = Type.Union([
  Type.Object(
    { op: Type.Literal('renameField'), table: Id, from: Id, to: Id },
    { additionalProperties: false },
  ),
  Type.Object(
    { op: Type.Literal('removeField'), table: Id, field: Id },
    { additionalProperties: false },
  ),
  Type.Object(
    { op: Type.Literal('setField'), table: Id, field: Id, value: Expression },
    { additionalProperties: false },
  ),
]);

export const DataMigrationSchema = Type.Object(
  {
    /** The installed versions this migration upgrades from (a semver range). */
    from: Type.String({ minLength: 1, maxLength: 100 }),
    to: SemverVersion,
    steps: Type.Array(DataMigrationStepSchema, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);

/**
 * A pack manifest: an app definition plus what installing it needs. Data only (decision 1):
 * a pack names the plugins it needs with semver ranges and never carries code.
 */
export const PackSchema = Type.Object(
  {
    schemaVersion: SchemaVersion,
    name: PackageName,
    version: SemverVersion,
    ...appParts,
    requires: RequiresSchema,
    /** Demo records per table id, so every view has something to show after install. */
    demo: Type.Optional(
      Type.Record(
        Id,
        Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 100000 }),
        {
          additionalProperties: false,
        },
      ),
    ),
    migrations: Type.Optional(Type.Array(DataMigrationSchema, { maxItems: 200 })),
    /**
     * Which records each role sees of each table once installed (table id → role id → `own`,
     * `department` or `all`); a role without one sees the records it created. The admin can
     * change them after install.
     */
    rows: Type.Optional(
      Type.Record(Id, Type.Record(Id, RowScopeSchema), { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export type PackManifest = Static<typeof PackSchema>;
export type DataMigration = Static<typeof DataMigrationSchema>;
