import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { addDays, dayOfValue, durationDays, reminderKind } from '../src/reminders/reminder-days.ts';
import { createReminderSweeper } from '../src/reminders/reminder-sweeper.ts';
import {
  call,
  makeUser,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';
import { testPlatform } from './helpers.ts';

/** 10:00 in Shanghai on 2026-12-03 (02:00 UTC). */
const NOW = Date.parse('2026-12-03T02:00:00Z');
const TIME_ZONE = 'Asia/Shanghai';

/** Instalments with a due date, a service end (datetime), what is outstanding and who sells. */
function billingApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'billing',
    label: { en: 'Billing', 'zh-CN': '收款' },
    roles: [{ id: 'finance', label: { en: 'Finance', 'zh-CN': '财务' } }],
    tables: [
      {
        id: 'instalment',
        kind: 'master',
        label: { en: 'Instalment', 'zh-CN': '收款计划' },
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: 'Name', required: true },
          { id: 'due', type: 'date', label: 'Due' },
          { id: 'endsAt', type: 'datetime', label: 'Service ends' },
          {
            id: 'outstanding',
            type: 'money',
            label: 'Outstanding',
            config: { currency: 'CNY', scale: 2 },
          },
          { id: 'sales', type: 'user', label: 'Salesperson' },
        ],
      },
    ],
    reminders: [
      {
        id: 'payment',
        label: { en: 'Payment due', 'zh-CN': '收款到期' },
        table: 'instalment',
        date: 'due',
        before: 'P7D',
        overdue: true,
        when: 'outstanding > decimal("0")',
        notify: [
          { kind: 'role', role: 'finance' },
          { kind: 'field', field: 'sales' },
        ],
        message: { en: 'Collect it', 'zh-CN': '请跟进收款' },
      },
      {
        id: 'service',
        label: { en: 'Service ends', 'zh-CN': '服务到期' },
        table: 'instalment',
        date: 'endsAt',
        before: 'PT36H',
        notify: [{ kind: 'field', field: 'sales' }],
      },
    ],
  };
}

interface Notice {
  id: string;
  reason: string;
  kind?: string;
  date?: string;
  title?: string;
  record?: string;
  reminder?: string;
  reminderLabel?: unknown;
  message?: unknown;
  readAt?: string;
}

describe('reminder days', () => {
  it('counts days across months, rounds durations up and reads datetimes in the time zone', () => {
    assert.equal(addDays('2026-12-28', 7), '2027-01-04');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.deepEqual(
      ['P7D', 'PT36H', 'PT1M', 'P1DT12H', undefined].map(durationDays),
      [7, 2, 1, 2, 0],
    );
    assert.equal(dayOfValue('2026-12-05T17:30:00Z', 'Asia/Shanghai'), '2026-12-06');
    assert.equal(dayOfValue('2026-12-05T17:30:00Z', 'UTC'), '2026-12-05');
    assert.equal(dayOfValue('2026-12-05', 'Asia/Shanghai'), '2026-12-05');
    assert.equal(dayOfValue('soon', 'UTC'), undefined);
    const rule = { beforeDays: 3, overdue: false };
    assert.deepEqual(
      ['2026-12-02', '2026-12-03', '2026-12-06', '2026-12-07'].map((day) =>
        reminderKind(day, '2026-12-03', rule),
      ),
      [undefined, 'due', 'due', undefined],
    );
    assert.equal(reminderKind('2026-12-02', '2026-12-03', { ...rule, overdue: true }), 'overdue');
  });
});

describe('record reminders', () => {
  let world: TestServer;
  let admin: Session;
  let alice: Session;
  let fin1: Session;
  let fin2: Session;
  const sweeper = () =>
    createReminderSweeper({
      storage: world.storage,
      platform: testPlatform,
      now: () => NOW,
      timeZone: TIME_ZONE,
    });
  const noticesOf = async (as: Session) =>
    (await call(world.app, 'GET', '/api/notices', { as })).json.items as Notice[];
  const record = async (values: Record<string, unknown>) => {
    const made = await call(world.app, 'POST', '/api/apps/billing/tables/instalment/records', {
      as: admin,
      body: { values },
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    return String(made.json.id);
  };
  let ids: Record<string, string>;

  before(async () => {
    const server = await startTestServer();
    world = server;
    admin = await signIn(server.app, 'admin', server.admin.password);
    const dept = await call(server.app, 'POST', '/api/departments', {
      as: admin,
      body: { name: 'Finance' },
    });
    const person = async (username: string, department?: string) => {
      await makeUser(server, admin, {
        username,
        roles: ['user'],
        ...(department ? { department } : {}),
      });
      return signIn(server.app, username, 'correct horse battery');
    };
    alice = await person('alice');
    fin1 = await person('fin1');
    fin2 = await person('fin2', String(dept.json.id));
    const created = await call(server.app, 'POST', '/api/apps', { as: admin, body: billingApp() });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const published = await call(server.app, 'POST', '/api/apps/billing/publish', {
      as: admin,
      body: {},
    });
    assert.equal(published.status, 201, JSON.stringify(published.json));
    const mapped = await call(server.app, 'PUT', '/api/apps/billing/roles', {
      as: admin,
      body: {
        roles: { finance: { users: [fin1.user.id], departments: [String(dept.json.id)] } },
        rows: { instalment: { finance: 'all' } },
      },
    });
    assert.equal(mapped.status, 200, JSON.stringify(mapped.json));
    const sales = alice.user.id;
    ids = {
      dueIn7: await record({ name: '第 2 期', due: '2026-12-10', outstanding: '500.00', sales }),
      passed: await record({ name: '第 1 期', due: '2026-12-01', outstanding: '100.00', sales }),
      paid: await record({ name: '已付清', due: '2026-12-05', outstanding: '0.00', sales }),
      tooFar: await record({ name: '第 3 期', due: '2026-12-11', outstanding: '900.00', sales }),
      ended: await record({ name: '旧服务', endsAt: '2026-12-01T10:00:00Z', sales }),
      // 01:30 on 12-03 in Shanghai, today (in UTC still 12-02, passed): due
      ending: await record({ name: '维保服务', endsAt: '2026-12-02T17:30:00Z', sales }),
      // 01:30 on 12-06 in Shanghai: past 36 h rounded up to 2 days (in UTC 12-05, within)
      later: await record({ name: '年度服务', endsAt: '2026-12-05T17:30:00Z', sales }),
    };
  });

  it('notifies role holders (users and department members) and the user field, once', async () => {
    const made = await sweeper().runOnce();
    assert.equal(made, 7); // dueIn7 and passed to fin1, fin2, alice; ending to alice
    assert.equal(await sweeper().runOnce(), 0, 'a second sweep (another server) adds nothing');

    const mine = await noticesOf(alice);
    const byRecord = new Map(mine.map((one) => [`${one.reminder}:${one.record}`, one]));
    assert.equal(mine.length, 3);
    assert.equal(byRecord.get(`payment:${ids.dueIn7}`)?.kind, 'due');
    assert.equal(byRecord.get(`payment:${ids.dueIn7}`)?.title, '第 2 期');
    assert.equal(byRecord.get(`payment:${ids.dueIn7}`)?.date, '2026-12-10');
    assert.deepEqual(byRecord.get(`payment:${ids.dueIn7}`)?.reminderLabel, {
      en: 'Payment due',
      'zh-CN': '收款到期',
    });
    assert.deepEqual(byRecord.get(`payment:${ids.dueIn7}`)?.message, {
      en: 'Collect it',
      'zh-CN': '请跟进收款',
    });
    assert.equal(byRecord.get(`payment:${ids.passed}`)?.kind, 'overdue');
    assert.equal(byRecord.get(`service:${ids.ending}`)?.kind, 'due');
    assert.ok(mine.every((one) => one.reason === 'reminder'));

    for (const finance of [fin1, fin2]) {
      const theirs = await noticesOf(finance);
      assert.deepEqual(theirs.map((one) => `${one.kind}:${one.title}`).sort(), [
        'due:第 2 期',
        'overdue:第 1 期',
      ]);
    }
    assert.deepEqual(world.storage.warnings, []);
  });

  it('leaves out a record whose `when` fails, one too far ahead, and a past date without `overdue`', async () => {
    const everyone = [
      ...(await noticesOf(alice)),
      ...(await noticesOf(fin1)),
      ...(await noticesOf(fin2)),
    ];
    for (const left of [ids.paid, ids.tooFar, ids.ended, ids.later]) {
      assert.ok(!everyone.some((one) => one.record === left), `no notice for ${left}`);
    }
  });

  it('notices again when the date moves, and a record notice can be marked read', async () => {
    const read = await call(
      world.app,
      'GET',
      `/api/apps/billing/tables/instalment/records/${ids.tooFar}`,
      {
        as: admin,
      },
    );
    const moved = await call(
      world.app,
      'PATCH',
      `/api/apps/billing/tables/instalment/records/${ids.tooFar}`,
      { as: admin, body: { _rev: read.json._rev, values: { due: '2026-12-04' } } },
    );
    assert.equal(moved.status, 200, JSON.stringify(moved.json));
    assert.equal(await sweeper().runOnce(), 3);
    const notice = (await noticesOf(alice)).find((one) => one.record === ids.tooFar)!;
    assert.equal(notice.date, '2026-12-04');
    const marked = await call(
      world.app,
      'POST',
      `/api/notices/${encodeURIComponent(notice.id)}/read`,
      {
        as: alice,
      },
    );
    assert.equal(marked.status, 200);
    assert.ok(marked.json.readAt);
  });
});
