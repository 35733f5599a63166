import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CURRENT_VERSIONS,
  createPlatform,
  defineFieldType,
  definePlugin,
  type FieldTypeDefinition,
  type MigrationSet,
  migrateDefinition,
  migrateDocument,
  type TSchema,
  Type,
} from '../src/index.ts';
import { samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes, textType } from './fixtures/test-plugins.ts';

/** A future Tessera whose tables are at version 3: v1 → v2 renames `label` to `title`, v2 → v3 back. */
const future: MigrationSet = {
  current: { ...CURRENT_VERSIONS, table: 3 },
  migrations: [
    {
      id: 'table/1-label-to-title',
      kind: 'table',
      from: 1,
      up: ({ label, ...rest }) => ({ ...rest, title: label }),
    },
    {
      id: 'table/2-title-to-label',
      kind: 'table',
      from: 2,
      up: ({ title, ...rest }) => ({ ...rest, label: title }),
    },
  ],
};

describe('migrations', () => {
  it('migrates an older document step by step and records the steps', () => {
    const result = migrateDocument(
      future,
      'table',
      { schemaVersion: 1, id: 't', label: 'T' },
      '/tables/0',
    );
    assert.equal(result.ok, true);
    assert.ok(result.ok);
    assert.deepEqual(result.document, { schemaVersion: 3, id: 't', label: 'T' });
    assert.deepEqual(result.applied, ['table/1-label-to-title', 'table/2-title-to-label']);
  });

  it('refuses a document saved by a newer Tessera', () => {
    const result = migrateDocument(future, 'table', { schemaVersion: 4, id: 't' }, '/tables/2');
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.issues[0]!.path, '/tables/2/schemaVersion');
    assert.equal(result.issues[0]!.code, 'version.newer');
    assert.match(
      result.issues[0]!.message.en,
      /saved by a newer Tessera \(version 4\); this one reads up to version 3/,
    );
  });

  it('reports a gap in the chain and a missing version', () => {
    const gap: MigrationSet = { current: { ...CURRENT_VERSIONS, form: 2 }, migrations: [] };
    const result = migrateDocument(gap, 'form', { schemaVersion: 1 }, '');
    assert.ok(!result.ok);
    assert.equal(result.issues[0]!.code, 'version.gap');
    const missing = migrateDocument(future, 'app', { id: 'x' }, '');
    assert.ok(!missing.ok);
    assert.equal(missing.issues[0]!.code, 'version.missing');
  });

  it('migrates the parts of a pack at the pack version unless they carry their own', () => {
    const pack = samplePack();
    const tables = pack.tables as Record<string, unknown>[];
    tables.push({ ...tables[0]!, id: 'second', schemaVersion: 3 });
    const result = migrateDefinition(future, 'pack', pack);
    assert.ok(result.ok);
    assert.equal(result.applied.length, 2, 'only the first table moved from 1 to 3');
    const migrated = result.document.tables as Record<string, unknown>[];
    assert.equal(
      migrated[0]!.schemaVersion,
      undefined,
      'a part without its own version stays without',
    );
    assert.equal(migrated[1]!.schemaVersion, 3);
  });

  it('a platform with newer migrations loads an old pack and refuses a newer one', () => {
    const platform = createPlatform({ plugins: [testFields, testNodes], migrations: future });
    assert.equal(platform.validatePack(samplePack()).ok, true);
    const newer = { ...samplePack(), schemaVersion: 2 };
    const result = createPlatform({ plugins: [testFields, testNodes] }).validatePack(newer);
    assert.ok(!result.ok);
    assert.equal(result.issues[0]!.code, 'version.newer');
  });

  it('migrates plugin configs by their own version and refuses newer ones', () => {
    const v2 = defineFieldType({
      ...(textType as unknown as FieldTypeDefinition<TSchema>),
      valueSchema: () => ({ type: 'string' }),
      validate: () => [],
      configVersion: 2,
      config: Type.Object({ max: Type.Optional(Type.Integer()) }, { additionalProperties: false }),
      migrations: [
        {
          id: 'text/1-maxLength-to-max',
          from: 1,
          up: ({ maxLength, ...rest }) => ({ ...rest, max: maxLength }),
        },
      ],
    });
    const fields = definePlugin({
      ...testFields,
      fieldTypes: [v2, ...testFields.fieldTypes.slice(1)],
    });
    const platform = createPlatform({ plugins: [fields, testNodes] });
    const pack = samplePack();
    const field = (pack.tables as { fields: Record<string, unknown>[] }[])[0]!.fields[0]!;
    field.configVersion = 1;
    field.config = { maxLength: 40 };
    const loaded = platform.validatePack(pack);
    assert.ok(loaded.ok, 'v1 config migrates, then validates against v2 schema');
    assert.deepEqual(loaded.value.tables[0]!.fields[0]!.config, { max: 40 });
    assert.equal(loaded.value.tables[0]!.fields[0]!.configVersion, 2);
    field.configVersion = 3;
    const result = platform.validatePack(pack);
    assert.ok(!result.ok);
    assert.equal(result.issues[0]!.path, '/tables/0/fields/0/configVersion');
    assert.match(result.issues[0]!.message.en, /version 3, but the installed plugin reads up to 2/);
  });
});
