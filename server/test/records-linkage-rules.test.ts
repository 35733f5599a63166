import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Answer, call, makeUser, signIn, startTestServer } from './accounts-helpers.ts';

// Linkage rules (联动) applied by the server as the form applies them: required when …, a value
// rule's result, hidden and read-only fields. Record writes go through the table's default form
// (its first, as the data pages); a flow's items through the flow's own form.

const money = { currency: 'CNY', scale: 2 };
const items = (...fields: string[]) => [{ id: 'main', items: fields.map((field) => ({ field })) }];

function claimsApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'claims',
    label: { en: 'Claims', 'zh-CN': '报销' },
    roles: [{ id: 'staff', label: 'staff' }],
    tables: [
      {
        id: 'claim',
        kind: 'flow',
        label: { en: 'Claim', 'zh-CN': '报销单' },
        titleField: 'title',
        fields: [
          { id: 'title', type: 'text', label: 'Title', required: true },
          { id: 'amount', type: 'money', label: 'Amount', config: money },
          { id: 'reason', type: 'long-text', label: { en: 'Reason', 'zh-CN': '理由' } },
          { id: 'doubled', type: 'money', label: 'Doubled', config: money },
          { id: 'urgent', type: 'boolean', label: 'Urgent' },
          { id: 'secret', type: 'text', label: 'Secret' },
          {
            id: 'category',
            type: 'select',
            label: 'Category',
            config: { options: ['travel', 'meals'].map((value) => ({ value, label: value })) },
          },
          { id: 'note', type: 'text', label: 'Note' },
        ],
      },
    ],
    forms: [
      {
        id: 'claimForm',
        label: 'Claim',
        table: 'claim',
        sections: items(
          'title',
          'amount',
          'reason',
          'doubled',
          'urgent',
          'secret',
          'category',
          'note',
        ),
        rules: [
          { id: 'r1', field: 'reason', required: 'amount > decimal("1000")' },
          { id: 'r2', field: 'doubled', value: 'amount * decimal("2")' },
          { id: 'r3', field: 'secret', visible: 'urgent' },
          { id: 'r4', field: 'category', readOnly: 'urgent' },
        ],
      },
      {
        id: 'flowForm',
        label: 'Claim to approve',
        table: 'claim',
        sections: items('title', 'amount', 'note'),
        rules: [{ id: 'f1', field: 'note', required: 'amount > decimal("10")' }],
      },
    ],
    flows: [
      {
        id: 'approve',
        label: { en: 'Approve', 'zh-CN': '审批' },
        table: 'claim',
        form: 'flowForm',
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'end', type: 'end' },
        ],
        edges: [{ id: 'e1', from: 'start', to: 'end' }],
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
  return answer.json as Record<string, unknown> & {
    id: string;
    _rev: string;
    values: Record<string, unknown>;
  };
};
await makeUser(server, admin, { username: 'amy', roles: ['user'] });
const amy = await signIn(app, 'amy', 'correct horse battery');
ok(await call(app, 'POST', '/api/apps', { as: admin, body: claimsApp() }), 201);
ok(await call(app, 'POST', '/api/apps/claims/publish', { as: admin, body: {} }), 201);
ok(
  await call(app, 'PUT', '/api/apps/claims/roles', {
    as: admin,
    body: { roles: { staff: { users: [amy.user.id] } }, rows: {} },
  }),
  200,
);
const RECORDS = '/api/apps/claims/tables/claim/records';
const create = (values: Record<string, unknown>) =>
  call(app, 'POST', RECORDS, { as: amy, body: { values } });

describe('linkage rules applied by the server', () => {
  it('refuses a field a rule requires when it is empty, naming it', async () => {
    const refused = await create({ title: 'Trip', amount: '2000.00' });
    assert.equal(refused.status, 400, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.code, 'invalid_record');
    assert.equal(refused.json.error?.field, '/values/reason');
    ok(await create({ title: 'Trip', amount: '2000.00', reason: 'A conference' }), 201);
    ok(await create({ title: 'Lunch', amount: '20.00' }), 201);
  });

  it('stores a value rule’s result whatever the client sent', async () => {
    const made = ok(await create({ title: 'Trip', amount: '12.50', doubled: '99999.00' }), 201);
    assert.equal(made.values.doubled, '25.00');
    const changed = ok(
      await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
        as: amy,
        body: { _rev: made._rev, values: { amount: '3.00', doubled: '1.00' } },
      }),
      200,
    );
    assert.equal(changed.values.doubled, '6.00');
  });

  it('does not store what the client sent for a hidden field', async () => {
    const hidden = ok(await create({ title: 'Trip', urgent: false, secret: 'smuggled' }), 201);
    assert.equal(hidden.values.secret, undefined);
    const shown = ok(await create({ title: 'Trip', urgent: true, secret: 'kept' }), 201);
    assert.equal(shown.values.secret, 'kept');
    // hidden again: the client cannot change it, and what it held stays (hidden keeps values)
    const rehidden = ok(
      await call(app, 'PATCH', `${RECORDS}/${shown.id}`, {
        as: amy,
        body: { _rev: shown._rev, values: { urgent: false, secret: 'changed' } },
      }),
      200,
    );
    assert.equal(rehidden.values.secret, 'kept');
  });

  it('keeps a field read-only by a rule as it was', async () => {
    const made = ok(await create({ title: 'Trip', urgent: true, category: 'travel' }), 201);
    assert.equal(made.values.category, 'travel', 'editable until urgent was ticked');
    const kept = ok(
      await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
        as: amy,
        body: { _rev: made._rev, values: { category: 'meals', note: 'n' } },
      }),
      200,
    );
    assert.equal(kept.values.category, 'travel');
    assert.equal(kept.values.note, 'n');
    const unlocked = ok(
      await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
        as: amy,
        body: { _rev: kept._rev, values: { urgent: false, category: 'meals' } },
      }),
      200,
    );
    assert.equal(unlocked.values.category, 'meals');
  });

  it('applies the flow’s own form to a flow start', async () => {
    const refused = await call(app, 'POST', '/api/apps/claims/flows/approve/items', {
      as: amy,
      body: { values: { title: 'Trip', amount: '20.00' } },
    });
    assert.equal(refused.status, 400, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.field, '/values/note');
    const started = await call(app, 'POST', '/api/apps/claims/flows/approve/items', {
      as: amy,
      body: { values: { title: 'Trip', amount: '20.00', note: 'why' } },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
  });
});
