import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform } from '@tessera/core';
import { gradesPlugin } from '../../test/fixtures/plugins/grades/index.ts';
import { ensureFirstAdmin } from '../src/accounts/first-admin.ts';
import { createApp, INSTALLED_PLUGINS } from '../src/index.ts';
import { call, signIn } from './accounts-helpers.ts';
import { makeStorage } from './helpers.ts';

// A field type and a view type from one plugin folder (test/fixtures/plugins/grades), added to
// the installed plugins and used through the API: nothing in server/ names them.
const storage = await makeStorage();
const first = await ensureFirstAdmin({ storage, now: Date.now });
if (!first.created) throw new Error('a fresh storage made no first admin');
const platform = createPlatform({ plugins: [...INSTALLED_PLUGINS, gradesPlugin] });
const app = createApp({ platform, storage, now: Date.now });
const admin = await signIn(app, first.username, first.password);

const school = {
  schemaVersion: 1,
  id: 'school',
  label: 'School',
  tables: [
    {
      id: 'student',
      label: 'Student',
      kind: 'master',
      fields: [
        { id: 'name', type: 'text', label: 'Name', required: true },
        { id: 'grade', type: 'grade', label: 'Grade' },
      ],
    },
  ],
  views: [
    {
      id: 'board',
      label: 'Board',
      table: 'student',
      type: 'cards',
      columns: [{ field: 'name' }, { field: 'grade' }],
      sorts: [{ field: 'name', direction: 'asc' }],
    },
  ],
};

for (const [path, body] of [
  ['/api/apps', school],
  ['/api/apps/school/publish', {}],
] as const) {
  const answer = await call(app, 'POST', path, { as: admin, body });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
}

const written: Record<string, unknown> = {};
for (const [name, grade] of [
  ['Ann', ' a '],
  ['Bob', 'c'],
  ['Cai', 'B'],
  ['Dee', 'e'],
]) {
  const answer = await call(app, 'POST', '/api/apps/school/tables/student/records', {
    as: admin,
    body: { values: { name, grade } },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  written[name!] = (answer.json.values as Record<string, unknown>).grade;
}

const rows = async (filter?: unknown[]) =>
  call(
    app,
    'GET',
    `/api/apps/school/views/board/rows${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`,
    {
      as: admin,
    },
  );

describe('a plugin folder adds a field type and a view type end to end', () => {
  it('stores values as the field type normalises them', () => {
    assert.deepEqual(written, { Ann: 'A', Bob: 'C', Cai: 'B', Dee: 'E' });
  });

  it("describes the view of the new type with the field type's filter operators", async () => {
    const answer = await call(app, 'GET', '/api/apps/school/views', { as: admin });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const [board] = answer.json.items as { type: string; columns: { ops: string[] }[] }[];
    assert.equal(board?.type, 'cards');
    assert.deepEqual(board?.columns[1]?.ops, ['gte', 'lte', 'eq', 'empty', 'notEmpty']);
  });

  it("lists the view's rows, filtered by the type's own order", async () => {
    const all = await rows();
    assert.equal(all.status, 200, JSON.stringify(all.json));
    const names = (answer: typeof all) =>
      (answer.json.items as { values: { name: string } }[]).map((row) => row.values.name);
    assert.deepEqual(names(all), ['Ann', 'Bob', 'Cai', 'Dee']);
    // A is the best grade: "at least B" keeps A and B
    const good = await rows([{ field: 'grade', op: 'gte', value: 'b' }]);
    assert.equal(good.status, 200, JSON.stringify(good.json));
    assert.deepEqual(names(good), ['Ann', 'Cai']);
  });
});
