import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform } from '@tessera/core';
import { INSTALLED_PLUGINS } from '../src/index.ts';
import { appTypes } from '../src/types/app-types.ts';
import { pascalCase, uniqueNames } from '../src/types/pascal-case.ts';
import { errorOf, exampleApp, makeApp, post } from './helpers.ts';

const app = await makeApp();

describe('POST /api/apps/types', () => {
  it('returns one exported interface per table, money as string', async () => {
    const definition = exampleApp() as { tables: { id: string }[] };
    definition.tables[0]!.id = 'contract_archive';
    for (const part of ['forms', 'flows', 'views'] as const) {
      for (const one of (definition as unknown as Record<string, { table: string }[]>)[part]!)
        one.table = 'contract_archive';
    }
    const { status, type, text } = await post(app, '/api/apps/types', definition);
    assert.equal(status, 200, text);
    assert.match(type, /^text\/plain/);
    assert.match(text, /export interface ContractArchive \{/);
    assert.match(text, /export interface Tables \{\n {2}"contract_archive": ContractArchive;/);
    for (const field of ['title', 'amount', 'signDate', 'owner'])
      assert.match(text, new RegExp(`\\b${field}\\??:`));
    assert.match(text, /amount: string/);
    assert.match(text, /signDate\?: string/);
    assert.doesNotMatch(text, /export type /, 'field titles must not become separate types');
  });

  it('refuses an invalid app with 400 listing its issues', async () => {
    const definition = exampleApp() as { tables: { fields: { type: string }[] }[] };
    definition.tables[0]!.fields[1]!.type = 'abacus';
    const { status, json } = await post(app, '/api/apps/types', definition);
    assert.equal(status, 400);
    const error = errorOf(json);
    assert.equal(error.code, 'invalid_app');
    assert.equal(error.field, '/tables/0/fields/1/type');
    assert.match(error.message, /abacus/);
    assert.ok(error.issues && error.issues.length >= 1);
  });

  it('refuses invalid JSON', async () => {
    const { status, json } = await post(app, '/api/apps/types', '{"tables": [');
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'invalid_json');
  });
});

describe('appTypes', () => {
  it('names interfaces in PascalCase, distinct even when ids collide', async () => {
    const platform = createPlatform({ plugins: INSTALLED_PLUGINS });
    const base = exampleApp() as { tables: { id: string; kind: string }[] };
    const table = base.tables[0]!;
    const definition = {
      schemaVersion: 1,
      id: 'two',
      label: 'Two',
      tables: [
        { ...table, id: 'a_b', kind: 'master' },
        { ...table, id: 'aB', kind: 'master' },
      ],
    };
    const result = platform.validateApp(definition);
    assert.ok(result.ok, JSON.stringify(result.issues));
    const text = await appTypes(platform, result.value);
    assert.match(text, /export interface AB \{/);
    assert.match(text, /export interface AB2 \{/);
  });

  it('pascalCase splits on underscores and keeps inner capitals', () => {
    assert.equal(pascalCase('contract_archive'), 'ContractArchive');
    assert.equal(pascalCase('leaveRequest'), 'LeaveRequest');
    assert.equal(pascalCase('x__y_'), 'XY');
    assert.deepEqual([...uniqueNames(['a', 'A']).values()], ['A', 'A2']);
  });
});
