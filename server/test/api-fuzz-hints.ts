import fc from 'fast-check';
import { CURRENT_REV, type Hints, matches, type Schema } from './api-fuzz-arbitraries.ts';
import { type FuzzWorld, PASSWORD } from './api-fuzz-world.ts';
import { assetPack } from './packs-helpers.ts';
import { recordsApp } from './records-helpers.ts';
import { spendApp } from './spend-app.ts';

/*
 * What the world offers a fuzz case: real path parameters, real values by property name and
 * whole bodies, so that requests get past "not found" into the rules behind it.
 */

/** `record[key]` when it is the record's own (a junk id may be `constructor`). */
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string | undefined) =>
  record && key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

/** Path segments that are not ids the world knows. */
export const JUNK_IDS = [
  'nope',
  'user:00000000000000000000000000',
  'record:00000000000000000000000000',
  '__proto__',
  'constructor',
  '%00',
  '\u200b',
  '\u202eabc',
  '中文',
  'x'.repeat(3000),
  '_design/indexes',
  '_all_docs',
  "' OR 1=1",
  '-1',
  '1e999',
];

/** The real values a path parameter may take, given the parameters chosen before it. */
function candidates(
  world: FuzzWorld,
  name: string,
  before: string,
  chosen: Record<string, string>,
) {
  const { ids } = world;
  const app = own(ids.apps, chosen.app ?? chosen.id);
  const table = own(app?.tables, chosen.table);
  if (name === 'app' || (name === 'id' && before === 'apps')) return Object.keys(ids.apps);
  if (name === 'table') return Object.keys(app?.tables ?? {});
  if (name === 'flow') return app?.flows ?? [];
  if (name === 'publicForm') return app?.publicForms ?? [];
  if (name === 'field') return table?.files ?? [];
  if (name === 'deliveryId') return ids.deliveries;
  if (name === 'name' && before === 'packs') return ids.packs;
  const byCollection: Record<string, readonly string[]> = {
    records: table?.records ?? [],
    users: ids.users,
    departments: ids.departments,
    positions: ids.positions,
    tokens: ids.tokens,
    webhooks: ids.webhooks,
    'flow-items': ids.items,
    notices: ids.notices,
  };
  return (
    own(byCollection, before) ??
    Object.values(ids)
      .flat()
      .filter((one) => typeof one === 'string')
  );
}

/** Consistent sets of real path parameters (an app with its own tables …), at most 40. */
export function realParams(world: FuzzWorld, path: string): Record<string, string>[] {
  const segments = path.split('/');
  let sets: Record<string, string>[] = [{}];
  segments.forEach((segment, index) => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (!name) return;
    sets = sets
      .flatMap((chosen) =>
        candidates(world, name, segments[index - 1] ?? '', chosen).map((value) => ({
          ...chosen,
          [name]: value,
        })),
      )
      .slice(0, 40);
  });
  return sets;
}

/** Real values by property name, so bodies reach past "not found" into the rules. */
export function hintsFor(world: FuzzWorld, params: Record<string, string>): Hints {
  const { ids } = world;
  const app = own(ids.apps, params.app ?? params.id);
  const allValues = Object.values(ids.apps).flatMap((one) => Object.values(one.values).flat());
  const values = app ? Object.values(app.values).flat() : allValues;
  const expense = ids.apps.spend?.values.expense?.[0] ?? {};
  const contract = ids.apps.contracts?.values.contract?.[0] ?? {};
  return {
    _rev: [CURRENT_REV],
    rev: [CURRENT_REV],
    department: ids.departments,
    parent: ids.departments,
    head: ids.users,
    manager: ids.users,
    initiator: ids.users,
    position: ids.positions,
    to: [...ids.users, 'previous', 'drafter', 'head', 'finance'],
    users: [ids.users.slice(0, 2), [ids.users[0]], ['alice'], ids.users.slice(0, 1)],
    departments: [ids.departments, ids.departments.slice(0, 1)],
    task: ids.tasks,
    item: ids.items,
    app: Object.keys(ids.apps),
    table: ['contract', 'expense', 'budget', 'request'],
    flow: ['expense', 'purchase', 'handle'],
    values,
    username: ['carol', 'new.person', 'ＡＤＭＩＮ', 'ab', 'zero\u200bwidth', 'd.ok_name-1'],
    password: [PASSWORD, 'another long password', 'short'],
    current: [PASSWORD],
    next: ['a brand new password', 'short', PASSWORD],
    email: ['carol@example.com', 'bad@', 'ＡＢＣ@example.com'],
    url: [
      'https://hooks.example/fuzz',
      'http://127.0.0.1:9/x',
      'http://169.254.169.254/latest/meta-data',
      'file:///etc/passwd',
      'https://unresolved.invalid/x',
      'javascript:alert(1)',
    ],
    version: ['1.0.0', '2.0.0', '9.9.9', 'x'],
    source: [
      'amount * 2',
      'amount >',
      'size(title) > 3',
      '"a" + 1',
      'int("x")',
      '1 / 0',
      'a.b.c()',
    ],
    expect: ['bool', 'decimal', 'int', 'nonsense'],
    variables: [{ amount: 'decimal', title: 'string' }, { x: 'list<map<string, int>>' }],
    roles: [
      ['user'],
      ['admin', 'user'],
      { keeper: { users: ['alice'] } },
      { legal: { departments: ids.departments.slice(0, 1) } },
      { legal: { users: ids.users.slice(0, 1) } },
    ],
    rows: [{ contract: { legal: 'all' } }, { expense: { staff: 'department' } }],
    known: [{}, { [ids.items[0] ?? 'x']: '1-x' }],
    command: [{ type: 'urge' }, { type: 'approve', task: ids.tasks[0] }, { type: 'nope' }],
    commands: [
      [{ id: 'c1', kind: 'create', app: 'contracts', table: 'contract', values: contract }],
      [
        {
          id: 'c2',
          kind: 'command',
          item: ids.items[0],
          command: { type: 'comment', opinion: 'x' },
        },
      ],
      [{ id: 'c3', kind: 'start', app: 'spend', flow: 'expense', values: expense }],
    ],
    choose: [{ head: [ids.users[2]] }, { finance: ['nobody'] }],
    decisions: [{ head: 'approve', finance: 'reject' }],
    data: ['keep', 'remove'],
    demo: [false],
  };
}

/** Whole bodies for routes whose schema says "checked by the route": app definitions and packs. */
export function seedBodies(
  key: string,
  schema: Schema | undefined,
  params: Record<string, string>,
): unknown[] {
  const apps = () => [
    recordsApp(params.id ?? 'fuzzed'),
    { ...spendApp(), id: params.id ?? 'spend2' },
  ];
  const packs = () => [assetPack('1.0.0'), { ...assetPack('2.0.0'), version: '3.0.0' }];
  const seeds: Record<string, () => unknown[]> = {
    'POST /api/apps': apps,
    'POST /api/apps/validate': apps,
    'POST /api/apps/types': apps,
    'PUT /api/apps/{id}/draft': apps,
    'POST /api/packs/validate': packs,
    'POST /api/packs/uploads': packs,
  };
  return (seeds[key]?.() ?? []).filter((seed) => schema !== undefined && matches(schema, seed));
}

export const CSV_HEADERS: Record<string, readonly string[]> = {
  '/api/import/users': [
    'username',
    'displayName',
    'password',
    'roles',
    'department',
    '部门',
    'manager',
  ],
  '/api/import/departments': ['name', 'code', 'parent', 'head', '名称'],
};

/** Credentials that name no one: made up, tampered with, or of the wrong scheme. */
export const forgedHeaders = (world: FuzzWorld) =>
  fc.constantFrom<Record<string, string>>(
    { cookie: 'tessera_session=forged', 'x-csrf-token': 'forged' },
    {
      cookie: `tessera_session=${world.admin.cookie.slice(0, -2)}xx`,
      'x-csrf-token': world.admin.csrf,
    },
    { authorization: 'Bearer tsr_forged' },
    { authorization: 'Basic YWRtaW46YWRtaW4=' },
    { authorization: `Bearer ${'x'.repeat(5000)}` },
    { cookie: 'tessera_session=; tessera_session=%00', authorization: 'Bearer' },
  );
