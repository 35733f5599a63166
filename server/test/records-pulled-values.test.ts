import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  type Answer,
  call,
  makeUser,
  type Session,
  signIn,
  startTestServer,
} from './accounts-helpers.ts';

// 带出字段: a payment request pulls the contract's title, amount, paid amount and supplier. The
// server copies them from the linked record whatever the client sends, and a link must point at
// a record of the linked table that the writer may read.

const money = { currency: 'CNY', scale: 2 };

function buyingApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'buying',
    label: { en: 'Buying', 'zh-CN': '采购' },
    roles: ['buyer', 'finance'].map((id) => ({ id, label: id })),
    tables: [
      {
        id: 'contract',
        kind: 'master',
        label: { en: 'Contract', 'zh-CN': '合同' },
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: 'Title', required: true },
          { id: 'amount', type: 'money', label: 'Amount', config: money },
          { id: 'paid', type: 'money', label: 'Paid', config: money },
          { id: 'supplier', type: 'text', label: 'Supplier' },
        ],
      },
      {
        id: 'memo',
        kind: 'master',
        label: { en: 'Memo', 'zh-CN': '备忘' },
        fields: [{ id: 'title', type: 'text', label: 'Title' }],
      },
      {
        id: 'request',
        kind: 'flow',
        label: { en: 'Payment request', 'zh-CN': '付款申请' },
        titleField: 'contractTitle',
        fields: [
          {
            id: 'contract',
            type: 'link',
            label: 'Contract',
            required: true,
            config: {
              table: 'contract',
              pull: [
                { from: 'title', to: 'contractTitle' },
                { from: 'amount', to: 'contractAmount' },
                { from: 'paid', to: 'contractPaid' },
                { from: 'supplier', to: 'supplier' },
              ],
            },
          },
          { id: 'contractTitle', type: 'text', label: 'Contract title' },
          { id: 'contractAmount', type: 'money', label: 'Contract amount', config: money },
          { id: 'contractPaid', type: 'money', label: 'Paid so far', config: money },
          { id: 'supplier', type: 'text', label: 'Supplier' },
          {
            id: 'amount',
            type: 'money',
            label: 'Amount',
            required: true,
            config: money,
            checks: [
              { rule: 'contractPaid + amount <= contractAmount', message: 'over the total' },
            ],
          },
          { id: 'note', type: 'text', label: 'Note' },
        ],
      },
    ],
    forms: [
      {
        id: 'requestForm',
        label: 'Payment request',
        table: 'request',
        sections: [
          {
            id: 'main',
            items: [
              'contract',
              'contractTitle',
              'contractAmount',
              'contractPaid',
              'supplier',
              'amount',
              'note',
            ].map((field) => ({ field })),
          },
        ],
        // finance may correct the request, the contract included
        rights: { finance: { default: 'edit' } },
      },
    ],
    flows: [
      {
        id: 'pay',
        label: { en: 'Payment', 'zh-CN': '付款' },
        table: 'request',
        form: 'requestForm',
        nodes: [
          { id: 'start', type: 'start' },
          {
            id: 'finance',
            type: 'approval',
            config: { assignees: [{ kind: 'role', role: 'finance' }] },
          },
          { id: 'end', type: 'end' },
        ],
        edges: [
          { id: 'e1', from: 'start', to: 'finance' },
          { id: 'e2', from: 'finance', to: 'end' },
        ],
      },
    ],
  };
}

const server = await startTestServer();
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));
const admin = await signIn(app, 'admin', server.admin.password);
const ok = (answer: Answer, status: number) => {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  return answer.json;
};
const person = async (username: string) => {
  await makeUser(server, admin, { username, roles: ['user'] });
  return signIn(app, username, 'correct horse battery');
};
const buyer = await person('buyer1');
const other = await person('buyer2');
const finance = await person('fin');
ok(await call(app, 'POST', '/api/apps', { as: admin, body: buyingApp() }), 201);
ok(await call(app, 'POST', '/api/apps/buying/publish', { as: admin, body: {} }), 201);
ok(
  await call(app, 'PUT', '/api/apps/buying/roles', {
    as: admin,
    body: {
      roles: {
        buyer: { users: [buyer.user.id, other.user.id] },
        finance: { users: [finance.user.id] },
      },
      // a buyer sees only the contracts they made
      rows: {
        contract: { buyer: 'own', finance: 'all' },
        request: { buyer: 'own', finance: 'all' },
      },
    },
  }),
  200,
);

const records = (table: string) => `/api/apps/buying/tables/${table}/records`;
const makeContract = async (as: Session, values: Record<string, unknown>) =>
  String(ok(await call(app, 'POST', records('contract'), { as, body: { values } }), 201).id);
type Stored = { id: string; _rev: string; values: Record<string, unknown> };

const real = await makeContract(buyer, {
  title: '云服务器采购',
  amount: '100000.00',
  paid: '20000.00',
  supplier: '华云数据',
});
const second = await makeContract(buyer, {
  title: '机房运维',
  amount: '5000.00',
  paid: '0.00',
  supplier: '安维科技',
});
const othersContract = await makeContract(other, {
  title: '别人的合同',
  amount: '9.00',
  paid: '0.00',
  supplier: '某公司',
});
const memo = String(
  ok(await call(app, 'POST', records('memo'), { as: buyer, body: { values: { title: 'x' } } }), 201)
    .id,
);

const forged = {
  contractTitle: 'Forged title',
  contractAmount: '99999999.00',
  contractPaid: '0.00',
  supplier: '假供应商',
};
const pulledFrom = {
  [real]: {
    contractTitle: '云服务器采购',
    contractAmount: '100000.00',
    contractPaid: '20000.00',
    supplier: '华云数据',
  },
  [second]: {
    contractTitle: '机房运维',
    contractAmount: '5000.00',
    contractPaid: '0.00',
    supplier: '安维科技',
  },
};
const pulledOf = (values: Record<string, unknown>) => ({
  contractTitle: values.contractTitle,
  contractAmount: values.contractAmount,
  contractPaid: values.contractPaid,
  supplier: values.supplier,
});

describe('pulled values (带出字段) are the server’s', () => {
  it('replaces forged pulled values of a created record by the linked record’s', async () => {
    const made = ok(
      await call(app, 'POST', records('request'), {
        as: buyer,
        body: { values: { contract: real, amount: '1000.00', ...forged } },
      }),
      201,
    ) as unknown as Stored;
    assert.deepEqual(pulledOf(made.values), pulledFrom[real]);
    const read = ok(
      await call(app, 'GET', `${records('request')}/${made.id}`, { as: finance }),
      200,
    );
    assert.deepEqual(pulledOf((read as unknown as Stored).values), pulledFrom[real]);
  });

  it('keeps the copy while the link is unchanged and copies again when it changes', async () => {
    const made = ok(
      await call(app, 'POST', records('request'), {
        as: buyer,
        body: { values: { contract: real, amount: '1000.00' } },
      }),
      201,
    ) as unknown as Stored;
    assert.deepEqual(pulledOf(made.values), pulledFrom[real]);
    const kept = ok(
      await call(app, 'PATCH', `${records('request')}/${made.id}`, {
        as: buyer,
        body: { _rev: made._rev, values: { note: 'n', contract: real, ...forged } },
      }),
      200,
    ) as unknown as Stored;
    assert.deepEqual(pulledOf(kept.values), pulledFrom[real]);
    assert.equal(kept.values.note, 'n');
    const moved = ok(
      await call(app, 'PATCH', `${records('request')}/${made.id}`, {
        as: buyer,
        body: { _rev: kept._rev, values: { contract: second, amount: '10.00', ...forged } },
      }),
      200,
    ) as unknown as Stored;
    assert.deepEqual(pulledOf(moved.values), pulledFrom[second]);
    // a forged amount that the pulled values refuse is refused by the rule on them
    const over = await call(app, 'PATCH', `${records('request')}/${made.id}`, {
      as: buyer,
      body: { _rev: moved._rev, values: { amount: '6000.00', ...forged } },
    });
    assert.equal(over.status, 400, JSON.stringify(over.json));
    assert.equal(over.json.error?.field, '/values/amount');
  });

  it('refuses a link to another table’s record, a missing record or one outside the row scope', async () => {
    for (const [as, id] of [
      [buyer, memo],
      [buyer, 'record:01JNOSUCHRECORD0000000000'],
      [buyer, othersContract],
    ] as const) {
      const refused = await call(app, 'POST', records('request'), {
        as,
        body: { values: { contract: id, amount: '1.00' } },
      });
      assert.equal(refused.status, 400, `${id}: ${JSON.stringify(refused.json)}`);
      assert.equal(refused.json.error?.field, '/values/contract');
      assert.equal(refused.json.error?.code, 'invalid_record');
    }
    // finance sees every contract, so may link to the other buyer's
    ok(
      await call(app, 'POST', records('request'), {
        as: finance,
        body: { values: { contract: othersContract, amount: '1.00' } },
      }),
      201,
    );
    const started = await call(app, 'POST', '/api/apps/buying/flows/pay/items', {
      as: buyer,
      body: { values: { contract: othersContract, amount: '1.00' } },
    });
    assert.equal(started.status, 400, JSON.stringify(started.json));
    assert.equal(started.json.error?.field, '/values/contract');
  });

  it('computes pulled values on a flow start and at a flow step that edits values', async () => {
    const started = await call(app, 'POST', '/api/apps/buying/flows/pay/items', {
      as: buyer,
      body: { values: { contract: real, amount: '1000.00', ...forged } },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const id = String(started.json.id);
    const seen = ok(await call(app, 'GET', `/api/flow-items/${id}`, { as: finance }), 200);
    const record = seen.record as Stored;
    assert.deepEqual(
      pulledOf(record.values),
      pulledFrom[real],
      'Finance sees the contract’s values',
    );
    const task = (seen.mine as { id: string; kind: string }[]).find((one) => one.kind !== 'cc')!.id;
    // finance edits at its node: forged pulled values with the link unchanged, then a new link
    const edited = await call(app, 'POST', `/api/flow-items/${id}/commands`, {
      as: finance,
      body: {
        type: 'approve',
        task,
        values: { ...forged, contract: second, amount: '10.00' },
        rev: record._rev,
      },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.json));
    const after = ok(await call(app, 'GET', `/api/flow-items/${id}`, { as: finance }), 200);
    assert.deepEqual(pulledOf((after.record as Stored).values), pulledFrom[second]);
  });
});
