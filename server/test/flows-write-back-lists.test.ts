import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createPlatform } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { flowBasic } from '@tessera/plugin-flow-basic';
import type { FlowService } from '../src/flows/flow-service.ts';
import {
  type Answer,
  call,
  makeUser,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';

const money = { currency: 'CNY', scale: 2 };
const text = (id: string, en: string, zh: string, required = false) => ({
  id,
  type: 'text',
  label: { en, 'zh-CN': zh },
  ...(required ? { required } : {}),
});
const form = (table: string, fields: string[]) => ({
  id: `${table}Form`,
  label: table,
  table,
  sections: [{ id: 'main', items: fields.map((field) => ({ field })) }],
});
const flow = (id: string, table: string, steps: Record<string, unknown>[]) => {
  const nodes = [{ id: 'start', type: 'start' }, ...steps, { id: 'end', type: 'end' }];
  return {
    id,
    label: id,
    table,
    form: `${table}Form`,
    nodes,
    edges: nodes.slice(1).map((node, at) => ({
      id: `${id}${at}`,
      from: nodes[at]!.id,
      to: node.id,
    })),
  };
};

/**
 * A small contract ledger: signing a contract makes its archive record and one instalment per
 * plan row, linked to the archive through `created`; a collection adds to `collected`, guarded
 * by the archive's computed `outstanding`.
 */
function ledgerApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'ledger',
    label: { en: 'Contracts', 'zh-CN': '合同' },
    roles: [{ id: 'staff', label: 'staff' }],
    tables: [
      {
        id: 'request',
        kind: 'flow',
        label: { en: 'Contract request', 'zh-CN': '合同申请' },
        titleField: 'title',
        fields: [
          text('title', 'Title', '标题', true),
          { id: 'amount', type: 'money', label: 'Amount', required: true, config: money },
          {
            id: 'plan',
            type: 'sub-table',
            label: { en: 'Instalment plan', 'zh-CN': '分期计划' },
            config: {
              fields: [
                { id: 'dueDate', type: 'date', label: 'Due' },
                { id: 'amount', type: 'money', label: 'Amount', required: true, config: money },
                { id: 'note', type: 'text', label: 'Note' },
              ],
            },
          },
        ],
      },
      {
        id: 'archive',
        kind: 'master',
        label: { en: 'Contract archive', 'zh-CN': '合同档案' },
        titleField: 'name',
        fields: [
          text('name', 'Name', '名称', true),
          { id: 'amount', type: 'money', label: 'Amount', config: money },
          { id: 'collected', type: 'money', label: 'Collected', config: money },
          {
            id: 'outstanding',
            type: 'computed',
            label: { en: 'Outstanding', 'zh-CN': '未收金额' },
            config: { expression: 'amount - collected', resultType: 'money', scale: 2 },
          },
        ],
      },
      {
        id: 'instalment',
        kind: 'master',
        label: { en: 'Instalments', 'zh-CN': '分期' },
        fields: [
          {
            id: 'contract',
            type: 'link',
            label: { en: 'Contract', 'zh-CN': '合同' },
            config: { table: 'archive' },
          },
          { id: 'seq', type: 'number', label: 'No.' },
          { id: 'dueDate', type: 'date', label: 'Due' },
          { id: 'amount', type: 'money', label: 'Amount', config: money },
          text('note', 'Note', '备注', true),
        ],
      },
      {
        id: 'collection',
        kind: 'flow',
        label: { en: 'Collections', 'zh-CN': '回款' },
        fields: [
          {
            id: 'archive',
            type: 'link',
            label: { en: 'Contract', 'zh-CN': '合同' },
            config: { table: 'archive' },
          },
          { id: 'amount', type: 'money', label: 'Amount', required: true, config: money },
        ],
      },
    ],
    forms: [
      form('request', ['title', 'amount', 'plan']),
      form('collection', ['archive', 'amount']),
    ],
    flows: [
      flow('sign', 'request', [
        {
          id: 'wbContract',
          type: 'write-back',
          config: {
            target: 'archive',
            mode: 'create',
            mapping: { name: 'title', amount: 'amount', collected: 'decimal("0")' },
          },
        },
        {
          id: 'wbPlan',
          type: 'write-back',
          config: {
            target: 'instalment',
            mode: 'create',
            forEach: 'plan',
            mapping: {
              contract: 'created.wbContract',
              seq: 'index + 1',
              dueDate: 'row.dueDate',
              amount: 'row.amount',
              note: 'row.note',
            },
          },
        },
      ]),
      flow('collect', 'collection', [
        {
          id: 'wbCollect',
          type: 'write-back',
          config: {
            target: 'archive',
            mode: 'increment',
            recordId: 'archive',
            mapping: { collected: 'amount' },
            guard: {
              rule: 'target.outstanding >= amount',
              message: { en: 'more than is outstanding', 'zh-CN': '超出未收金额' },
            },
          },
        },
      ]),
    ],
  };
}

let server: TestServer;
let flows: FlowService;
let alice: Session;
let bob: Session;
let stranger: Session;

const ok = (answer: Answer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
  return answer.json;
};

before(async () => {
  server = await startTestServer({
    onServices: (services) => {
      flows = services.flows;
    },
  });
  const admin = await signIn(server.app, 'admin', server.admin.password);
  const person = async (username: string) => {
    await makeUser(server, admin, { username, roles: ['user'] });
    return signIn(server.app, username, 'correct horse battery');
  };
  alice = await person('alice');
  bob = await person('bob');
  stranger = await person('stranger');
  ok(await call(server.app, 'POST', '/api/apps', { as: admin, body: ledgerApp() }), 201, 'app');
  ok(
    await call(server.app, 'POST', '/api/apps/ledger/publish', { as: admin, body: {} }),
    201,
    'pub',
  );
  ok(
    await call(server.app, 'PUT', '/api/apps/ledger/roles', {
      as: admin,
      body: {
        roles: { staff: { users: [alice.user.id, bob.user.id] } },
        rows: {
          archive: { staff: 'all' },
          request: { staff: 'own' },
          collection: { staff: 'own' },
        },
      },
    }),
    200,
    'roles',
  );
});

const start = (flowId: string, values: Record<string, unknown>, as = alice) =>
  call(server.app, 'POST', `/api/apps/ledger/flows/${flowId}/items`, { as, body: { values } });

type Instance = {
  id: string;
  record: string;
  owed: unknown[];
  timeline: { action: string; node?: string; effect?: string; at: string }[];
};
const instanceOf = async (id: string) =>
  (await server.storage.get<Instance>(`flowinstance:${id}`))!;

/** Signs a contract; returns the instance and its archive record's id. */
async function sign(title: string, plan: Record<string, unknown>[], amount = '1000.00') {
  const started = await start('sign', { title, amount, plan });
  const item = ok(started, 201, 'sign') as { id: string; status: string };
  assert.equal(item.status, 'approved');
  const instance = await instanceOf(item.id);
  const effect = (node: string) =>
    instance.timeline.find((entry) => entry.node === node && entry.action === 'wroteBack')!.effect!;
  const suffix = (node: string) => effect(node).slice(effect(node).lastIndexOf('.') + 1);
  return {
    instance,
    effect,
    archive: `record:${item.id}-${suffix('wbContract')}`,
    plan: `record:${item.id}-${suffix('wbPlan')}`,
  };
}

type Related = {
  groups: {
    table: string;
    field: string;
    total: number;
    label: unknown;
    columns: { id: string }[];
    records: { id: string; title: string; values: Record<string, unknown> }[];
  }[];
};
const related = (id: string, as: Session) =>
  call(server.app, 'GET', `/api/apps/ledger/records/${encodeURIComponent(id)}/related`, { as });
const audits = async (subject: string) =>
  (await server.storage.find({ index: 'audit-by-subject', selector: { type: 'audit', subject } }))
    .docs.length;

describe('write-backs over lists, `created` and computed targets', () => {
  it('type-checks a forEach mapping over the sub-table row, and forEach only on create', () => {
    const platform = createPlatform({ plugins: [fieldBasic, flowBasic] });
    assert.deepEqual(platform.validateApp(ledgerApp()).ok, true);
    const app = ledgerApp() as { flows: { nodes: { config?: Record<string, unknown> }[] }[] };
    const plan = app.flows[0]!.nodes[2]!.config as { mapping: Record<string, string> };
    plan.mapping.note = 'row.nope';
    plan.mapping.seq = 'index + "1"';
    const collect = app.flows[1]!.nodes[1]!.config!;
    collect.forEach = 'amount';
    const result = platform.validateApp(app);
    assert.equal(result.ok, false);
    const paths = result.ok ? [] : result.issues.map((one) => one.path);
    assert.ok(paths.includes('/flows/0/nodes/2/config/mapping/note'), paths.join());
    assert.ok(paths.includes('/flows/0/nodes/2/config/mapping/seq'), paths.join());
    assert.ok(paths.includes('/flows/1/nodes/1/config/forEach'), paths.join());
  });

  it('makes one instalment per plan row, linked to the archive made one node before', async () => {
    const { archive, plan } = await sign('Hosting 2027', [
      { dueDate: '2027-01-31', amount: '300.00', note: 'n' },
      { dueDate: '2027-02-28', amount: '300.00', note: 'n' },
      { dueDate: '2027-03-31', amount: '400.00', note: 'n' },
    ]);
    const made = await server.storage.get<{ values: Record<string, unknown> }>(archive);
    assert.deepEqual(made?.values, {
      name: 'Hosting 2027',
      amount: '1000.00',
      collected: '0.00',
      outstanding: '1000.00',
    });
    for (const [index, amount] of ['300.00', '300.00', '400.00'].entries()) {
      const one = await server.storage.get<{ values: Record<string, unknown> }>(`${plan}-${index}`);
      assert.equal(one?.values.contract, archive);
      assert.equal(one?.values.seq, index + 1);
      assert.equal(one?.values.amount, amount);
      assert.equal(await audits(`${plan}-${index}`), 1, 'one record.create entry each');
    }
    assert.equal(await server.storage.get(`${plan}-3`), undefined);
  });

  it('a replayed forEach effect (a roll-forward after a crash) makes nothing twice', async () => {
    const { instance, effect, plan } = await sign('Replay', [
      { dueDate: '2027-01-31', amount: '500.00', note: 'n' },
      { dueDate: '2027-02-28', amount: '500.00', note: 'n' },
    ]);
    const record = await server.storage.get<{ values: Record<string, unknown> }>(instance.record);
    const owed = {
      id: effect('wbPlan'),
      type: 'writeBack',
      node: 'wbPlan',
      at: instance.timeline.at(-1)!.at,
      values: record!.values,
    };
    await server.storage.mutate<Instance>(`flowinstance:${instance.id}`, (doc) => ({
      ...doc,
      owed: [owed],
    }));
    await flows.store.rollForward(instance.id);
    assert.deepEqual((await instanceOf(instance.id)).owed, []);
    assert.ok(await server.storage.get(`${plan}-1`));
    assert.equal(await server.storage.get(`${plan}-2`), undefined);
    assert.equal(await audits(`${plan}-0`), 1);
    assert.equal(await audits(`${plan}-1`), 1);
  });

  it('refuses an instalment the target table would not accept, naming the field and the row', async () => {
    const refused = await start('sign', {
      title: 'No note',
      amount: '100.00',
      plan: [
        { dueDate: '2027-01-31', amount: '50.00', note: 'first' },
        { dueDate: '2027-02-28', amount: '50.00' },
      ],
    });
    assert.equal(refused.status, 422, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.code, 'write_back_invalid', JSON.stringify(refused.json));
    assert.equal(refused.json.error?.field, '/nodes/wbPlan/config/mapping/note');
    assert.match(String(refused.json.error?.message), /forEach item 1/);
    const archives = await call(server.app, 'GET', '/api/apps/ledger/tables/archive/records', {
      as: alice,
    });
    const names = (archives.json.items as { values: { name: string } }[]).map((r) => r.values.name);
    assert.ok(!names.includes('No note'), 'nothing was written, the archive neither');
  });

  it('an empty plan makes the archive and no instalments', async () => {
    const { archive, plan } = await sign('Empty plan', []);
    assert.ok(await server.storage.get(archive));
    assert.equal(await server.storage.get(`${plan}-0`), undefined);
    const groups = (ok(await related(archive, alice), 200, 'related') as Related).groups;
    assert.deepEqual(
      groups.map((group) => [group.table, group.field, group.total, group.records.length]),
      [
        ['instalment', 'contract', 0, 0],
        ['collection', 'archive', 0, 0],
      ],
    );
  });

  it('an increment recomputes `outstanding`, and the guard reads it', async () => {
    const { archive } = await sign('Collect', []);
    const collect = (amount: string) => start('collect', { archive, amount });
    assert.equal(ok(await collect('300.00'), 201, 'first').status, 'approved');
    const after = await server.storage.get<{ values: Record<string, unknown> }>(archive);
    assert.equal(after?.values.collected, '300.00');
    assert.equal(after?.values.outstanding, '700.00', 'recomputed after the increment');
    const over = await collect('700.01');
    assert.equal(over.status, 409, JSON.stringify(over.json));
    assert.equal(over.json.error?.code, 'write_back_guard');
    assert.equal(over.json.error?.field, '/nodes/wbCollect/config/guard/rule');
    assert.equal(ok(await collect('700.00'), 201, 'rest').status, 'approved');
    const done = await server.storage.get<{ values: Record<string, unknown> }>(archive);
    assert.equal(done?.values.outstanding, '0.00');
  });

  it('lists related records per link field, newest first, within the row scope', async () => {
    const { archive, plan } = await sign('Related', [
      { dueDate: '2027-01-31', amount: '600.00', note: 'n' },
      { dueDate: '2027-02-28', amount: '400.00', note: 'n' },
    ]);
    ok(await start('collect', { archive, amount: '100.00' }), 201, 'collect');
    const groups = (ok(await related(archive, alice), 200, 'related') as Related).groups;
    const instalments = groups.find((group) => group.table === 'instalment')!;
    assert.equal(instalments.total, 2);
    assert.deepEqual(instalments.label, { en: 'Instalments', 'zh-CN': '分期' });
    assert.deepEqual(
      instalments.columns.map((column) => column.id),
      ['contract', 'seq', 'dueDate', 'amount', 'note'],
    );
    assert.deepEqual(instalments.records.map((one) => one.id).sort(), [`${plan}-0`, `${plan}-1`]);
    assert.equal(instalments.records[0]!.title, instalments.records[0]!.id, 'no title field');
    assert.equal(groups.find((group) => group.table === 'collection')?.total, 1);
    // bob sees the archive (all) but only his own instalments and collections: none
    const his = (ok(await related(archive, bob), 200, 'bob') as Related).groups;
    assert.deepEqual(
      his.map((group) => group.total),
      [0, 0],
    );
    // someone without app roles sees only records they made: not this archive
    const refused = await related(archive, stranger);
    assert.equal(refused.status, 404, JSON.stringify(refused.json));
    const elsewhere = await call(
      server.app,
      'GET',
      `/api/apps/other/records/${encodeURIComponent(archive)}/related`,
      { as: alice },
    );
    assert.equal(elsewhere.status, 404);
  });
});
