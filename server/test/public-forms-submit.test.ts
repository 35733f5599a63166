import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { tokenDigest } from '../src/auth/secret-token.ts';
import { type Answer, call } from './accounts-helpers.ts';
import {
  INTAKE,
  type PublicWorld,
  problem,
  startPublicWorld,
  submit,
} from './public-forms-helpers.ts';

/** The rule a refusal names (`import.maxRows` …). */
const ruleOf = (answer: Answer) => (answer.json.error as { rule?: unknown } | undefined)?.rule;

let world: PublicWorld;
before(async () => {
  world = await startPublicWorld();
});

const receiptOf = (receipt: string, code: string, locale = 'en') =>
  call(
    world.server.app,
    'GET',
    `/api/public/receipts/${receipt}?code=${encodeURIComponent(code)}&locale=${locale}`,
  );

describe('public forms: reading and submitting', () => {
  it('gives an anonymous browser the form, only the fields it shows, with labels', async () => {
    const answer = await call(world.server.app, 'GET', INTAKE);
    assert.equal(answer.status, 200);
    const view = answer.json as {
      label: unknown;
      fields: { id: string; right: string; label: unknown }[];
      form: { sections: { items: { field?: string }[] }[] };
      startsFlow: boolean;
    };
    assert.deepEqual(view.label, { en: 'Report a problem', 'zh-CN': '报修' });
    // the attachment is left out (no files on public forms); the internal note is not on the form
    assert.deepEqual(
      view.fields.map((one) => one.id),
      ['title', 'customer', 'phone', 'priority'],
    );
    assert.deepEqual(view.fields[0]!.label, { en: 'Problem', 'zh-CN': '问题' });
    assert.ok(view.fields.every((one) => one.right === 'edit'));
    assert.deepEqual(
      view.form.sections[0]!.items.map((item) => item.field),
      ['title', 'customer', 'phone', 'priority'],
    );
    assert.equal(view.startsFlow, true);
  });

  it('submits anonymously: a receipt, the record made by the form, its flow started, the status followed to the end', async () => {
    const answer = await submit(world, problem());
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const { receipt, checkCode } = answer.json as { receipt: string; checkCode: string };
    assert.match(receipt, /^SR-\d{8}-\d{4}$/);
    assert.match(checkCode, /^[0-9A-Z]{12}$/);

    const status = await receiptOf(receipt, checkCode);
    assert.equal(status.status, 200);
    assert.equal(status.json.status, 'in_progress');
    assert.equal(status.json.node, 'Triage');
    assert.equal(status.json.receipt, receipt);
    assert.equal(typeof status.json.submittedAt, 'string');
    assert.equal('values' in status.json, false);
    const zh = await receiptOf(receipt.toLowerCase(), checkCode.toLowerCase(), 'zh-CN');
    assert.equal(zh.json.node, '受理');

    // the service desk sees the record, made by the public form's principal, and holds the task
    const list = await call(
      world.server.app,
      'GET',
      '/api/apps/aftersales/tables/request/records',
      { as: world.agent },
    );
    const items = list.json.items as {
      id: string;
      createdBy: string;
      values: { customer: string };
    }[];
    const record = items.find((one) => one.values.customer === '王芳');
    assert.equal(record?.createdBy, 'public:aftersales:intake');
    const itemId = record!.id.slice('record:'.length);
    const item = await call(world.server.app, 'GET', `/api/flow-items/${itemId}`, {
      as: world.agent,
    });
    assert.equal(item.status, 200);
    assert.equal(item.json.initiator, 'public:aftersales:intake');
    const task = (item.json.mine as { id: string }[])[0]!;
    const approved = await call(world.server.app, 'POST', `/api/flow-items/${itemId}/commands`, {
      as: world.agent,
      body: { type: 'approve', task: task.id },
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    const done = await receiptOf(receipt, checkCode);
    assert.equal(done.json.status, 'approved');
    assert.equal(done.json.node, undefined);

    // audited as the public form
    const audit = await call(world.server.app, 'GET', `/api/records/${record!.id}/audit`, {
      as: world.admin,
    });
    const entries = audit.json.items as { actor: string; action: string }[];
    assert.ok(
      entries.some(
        (one) => one.action === 'record.create' && one.actor === 'public:aftersales:intake',
      ),
    );
  });

  it('a form without a flow answers received; receipts of one prefix count up', async () => {
    const first = await submit(
      world,
      { text: 'Great service' },
      '/api/public/forms/aftersales/feedback',
    );
    const second = await submit(world, { text: 'Thanks' }, '/api/public/forms/aftersales/feedback');
    assert.equal(first.status, 201);
    const a = first.json as { receipt: string; checkCode: string };
    const b = second.json as { receipt: string };
    assert.match(a.receipt, /^FB-\d{8}-0001$/);
    assert.match(b.receipt, /^FB-\d{8}-0002$/);
    const status = await receiptOf(a.receipt, a.checkCode);
    assert.equal(status.json.status, 'received');
  });

  it('a bad value is a 400 naming /values/<field>, as a signed-in create', async () => {
    const answer = await submit(world, problem({ priority: 'urgent' }));
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error?.field, '/values/priority');
    const missing = await submit(world, { title: 'No name' });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error?.field, '/values/customer');
  });

  it('refuses fields the form does not offer and attachments', async () => {
    const internal = await submit(world, problem({ internal: 'VIP, skip the queue' }));
    assert.equal(internal.status, 400);
    assert.equal(internal.json.error?.field, '/values/internal');
    const photo = await submit(world, problem({ photo: [{ id: 'file:x', name: 'a.png' }] }));
    assert.equal(photo.status, 400);
    assert.equal(photo.json.error?.code, 'attachment_refused');
    assert.equal(photo.json.error?.field, '/values/photo');
  });

  it('a flow whose first step is the head of the initiator department is the clear 422 it is for anyone without one, and stores nothing', async () => {
    const before = await call(
      world.server.app,
      'GET',
      '/api/apps/aftersales/tables/request/records',
      {
        as: world.agent,
      },
    );
    const answer = await submit(world, problem(), '/api/public/forms/aftersales/headIntake');
    assert.equal(answer.status, 422);
    assert.equal(answer.json.error?.code, 'assignee_unresolved');
    assert.match(
      String(answer.json.error?.message),
      /node "triage" has nobody to assign: department head/,
    );
    const after = await call(
      world.server.app,
      'GET',
      '/api/apps/aftersales/tables/request/records',
      {
        as: world.agent,
      },
    );
    assert.equal((after.json.items as unknown[]).length, (before.json.items as unknown[]).length);
  });

  it('a body over 64 KB is a 413 naming the rule', async () => {
    const answer = await submit(world, problem({ title: 'x'.repeat(70 * 1024) }));
    assert.equal(answer.status, 413);
    assert.equal(ruleOf(answer), 'publicForm.maxBodyBytes');
    assert.match(String(answer.json.error?.message), /64 KB/);
  });

  it('a disabled, unknown or unpublished form is a 404', async () => {
    for (const path of [
      '/api/public/forms/aftersales/closed',
      '/api/public/forms/aftersales/nope',
      '/api/public/forms/nowhere/intake',
    ]) {
      assert.equal((await call(world.server.app, 'GET', path)).status, 404, path);
      const posted = await call(world.server.app, 'POST', `${path}/submissions`, {
        body: { values: { text: 'hi' } },
      });
      assert.equal(posted.status, 404, path);
    }
  });

  it('a wrong code and an unknown receipt are the same 404', async () => {
    const made = (await submit(world, { text: 'ok' }, '/api/public/forms/aftersales/feedback'))
      .json as { receipt: string; checkCode: string };
    const wrong = await receiptOf(made.receipt, 'AAAAAAAAAAAA');
    const unknown = await receiptOf('FB-20000101-9999', made.checkCode);
    assert.equal(wrong.status, 404);
    assert.equal(unknown.status, 404);
    assert.deepEqual(wrong.json, unknown.json);
  });

  it('limits wrong check codes per address: guessing ends in a 429', async () => {
    world.server.clock.advance(11 * 60_000);
    const made = (await submit(world, { text: 'ok' }, '/api/public/forms/aftersales/feedback'))
      .json as { receipt: string; checkCode: string };
    for (let index = 0; index < 20; index += 1) {
      assert.equal((await receiptOf(made.receipt, `WRONG${index}`)).status, 404);
    }
    const refused = await receiptOf(made.receipt, made.checkCode);
    assert.equal(refused.status, 429);
    assert.equal(ruleOf(refused), 'publicForm.wrongCodesPerAddress');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    world.server.clock.advance(11 * 60_000);
    assert.equal((await receiptOf(made.receipt, made.checkCode)).status, 200);
  });

  it('is exempt from CSRF and ignores a session: a signed-in browser on another site submits as the form', async () => {
    world.server.clock.advance(11 * 60_000); // a fresh rate-limit window
    const answer = await call(world.server.app, 'POST', `${INTAKE}/submissions`, {
      as: world.agent,
      noCsrf: true,
      body: { values: problem({ customer: 'Cross site' }) },
      headers: { origin: 'https://shop.example.com' },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const list = await call(
      world.server.app,
      'GET',
      '/api/apps/aftersales/tables/request/records',
      {
        as: world.agent,
      },
    );
    const made = (list.json.items as { createdBy: string; values: { customer: string } }[]).find(
      (one) => one.values.customer === 'Cross site',
    );
    assert.equal(made?.createdBy, 'public:aftersales:intake');
    // other writes stay CSRF-checked
    const other = await call(world.server.app, 'POST', '/api/apps/aftersales/tables/note/records', {
      as: world.agent,
      noCsrf: true,
      body: { values: { text: 'x' } },
      headers: { origin: 'https://shop.example.com' },
    });
    assert.equal(other.status, 403);
  });

  it('limits submissions per address: the 11th in 10 minutes is a 429 with Retry-After, counted in the shared storage', async () => {
    world.server.clock.advance(11 * 60_000); // a fresh window
    for (let index = 0; index < 10; index += 1) {
      const answer = await submit(
        world,
        { text: `n${index}` },
        '/api/public/forms/aftersales/feedback',
      );
      assert.equal(answer.status, 201, `submission ${index}`);
    }
    const refused = await submit(
      world,
      { text: 'one more' },
      '/api/public/forms/aftersales/feedback',
    );
    assert.equal(refused.status, 429);
    assert.equal(ruleOf(refused), 'publicForm.submissionsPerAddress');
    const retry = Number(refused.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 600, `Retry-After ${retry}`);
    const stored = await world.server.storage.get<{ failures: number[] }>(
      `loginattempts:${tokenDigest('public-submission\0local')}`,
    );
    assert.equal(
      stored?.failures.length,
      10,
      'counted in the shared storage; a refused one is not',
    );
    world.server.clock.advance(11 * 60_000);
    const later = await submit(world, { text: 'later' }, '/api/public/forms/aftersales/feedback');
    assert.equal(later.status, 201);
  });
});
