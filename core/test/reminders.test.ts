import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform, defineFieldType, definePlugin, type Issue, Type } from '../src/index.ts';
import { samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes } from './fixtures/test-plugins.ts';

/** A date-like type for these tests: core knows no concrete types. */
const dayType = (type: string, format: string) =>
  defineFieldType({
    type,
    label: { en: type, 'zh-CN': type },
    config: Type.Object({}, { additionalProperties: false }),
    valueSchema: () => ({ type: 'string', format }),
    celType: () => 'timestamp',
    toCel: (value) => new Date(String(value)),
    fromCel: (value) => value,
    validate: () => [],
    defaultValue: () => undefined,
    compare: (a, b) => String(a).localeCompare(String(b)),
    designer: { group: 'datetime', icon: type, defaultConfig: () => ({}) },
    form: { element: `test-${type}`, format: String, isEmpty: (value) => value === '' },
  });

const dates = definePlugin({
  name: '@test/dates',
  version: '1.0.0',
  fieldTypes: [dayType('date', 'date'), dayType('datetime', 'date-time')],
});

const platform = createPlatform({ plugins: [testFields, testNodes, dates] });

/** The sample pack with due dates on its contracts, a department field, and the reminders. */
function packWith(reminders: unknown[]): Record<string, unknown> {
  const pack = samplePack() as {
    tables: { fields: Record<string, unknown>[] }[];
    requires: Record<string, string>;
  } & Record<string, unknown>;
  pack.requires['@test/dates'] = '^1.0.0';
  pack.tables[0]!.fields.push(
    { id: 'due', type: 'date', label: 'Due' },
    { id: 'endsAt', type: 'datetime', label: 'Ends at' },
  );
  return { ...pack, reminders };
}

const issuesOf = (pack: unknown): Issue[] => [...platform.validatePack(pack).issues];

const due = {
  id: 'due',
  label: { en: 'Payment due', 'zh-CN': '收款到期' },
  table: 'contract',
  date: 'due',
  before: 'P7D',
  overdue: true,
  when: 'amount > decimal("0")',
  notify: [
    { kind: 'role', role: 'legal' },
    { kind: 'field', field: 'owner' },
    { kind: 'user', users: ['user:01'] },
  ],
  message: { en: 'Collect the payment', 'zh-CN': '请跟进收款' },
};

describe('reminders', () => {
  it('accepts reminders on a date and a datetime field', () => {
    assert.deepEqual(
      issuesOf(
        packWith([
          due,
          {
            id: 'ends',
            label: 'Ends',
            table: 'contract',
            date: 'endsAt',
            notify: [{ kind: 'field', field: 'owner' }],
          },
        ]),
      ),
      [],
    );
  });

  it('is optional, and limited to 100 by the schema', () => {
    assert.deepEqual(issuesOf(samplePack()), []);
    const many = Array.from({ length: 101 }, (_, index) => ({ ...due, id: `r${index}` }));
    assert.ok(issuesOf(packWith(many)).some((one) => one.path === '/reminders'));
    assert.ok(
      issuesOf(packWith([{ ...due, notify: [] }])).some(
        (one) => one.path === '/reminders/0/notify',
      ),
    );
  });

  it('refuses an unknown table at its pointer, in both languages', () => {
    const [found] = issuesOf(packWith([{ ...due, table: 'invoice' }]));
    assert.equal(found?.path, '/reminders/0/table');
    assert.equal(found?.code, 'reminder.unknownTable');
    assert.match(found!.message['zh-CN'], /表“invoice”不存在/);
    assert.match(found!.message.en, /table "invoice", which does not exist/);
  });

  it('refuses a missing date field and a field that holds no date', () => {
    const found = issuesOf(
      packWith([
        { ...due, date: 'signed' },
        { ...due, id: 'other', date: 'title' },
      ]),
    );
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [
        ['/reminders/0/date', 'reminder.unknownField'],
        ['/reminders/1/date', 'reminder.notDate'],
      ],
    );
    assert.match(found[1]!.message['zh-CN'], /不是日期或日期时间/);
  });

  it('checks `when` in the table environment and wants a bool', () => {
    const found = issuesOf(
      packWith([
        { ...due, when: 'amount' },
        { ...due, id: 'b', when: 'nosuch > 1' },
      ]),
    );
    assert.deepEqual(
      found.map((one) => one.path),
      ['/reminders/0/when', '/reminders/1/when'],
    );
    assert.match(found[0]!.message.en, /must give bool/);
  });

  it('refuses unknown roles, fields that hold no users, and rules that need a flow', () => {
    const found = issuesOf(
      packWith([
        {
          ...due,
          notify: [
            { kind: 'role', role: 'finance' },
            { kind: 'field', field: 'title' },
            { kind: 'field', field: 'nope' },
            { kind: 'initiator' },
          ],
        },
      ]),
    );
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [
        ['/reminders/0/notify/0/role', 'assignee.unknownRole'],
        ['/reminders/0/notify/1/field', 'assignee.notPeople'],
        ['/reminders/0/notify/2/field', 'assignee.unknownField'],
        ['/reminders/0/notify/3/kind', 'reminder.ruleKind'],
      ],
    );
    assert.match(found[3]!.message['zh-CN'], /提醒不能按“initiator”通知/);
  });

  it('refuses a repeated id and a malformed duration', () => {
    assert.deepEqual(
      issuesOf(packWith([due, due])).map((one) => [one.path, one.code]),
      [['/reminders/1/id', 'id.duplicate']],
    );
    assert.ok(
      issuesOf(packWith([{ ...due, before: '7 days' }])).some(
        (one) => one.path === '/reminders/0/before',
      ),
    );
  });
});
