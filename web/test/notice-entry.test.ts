import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Notice, noticeEntry } from '../src/pages/notices/notice-entry.ts';

const reminder: Notice = {
  id: 'notice:reminder:billing:payment:record:01:due:2026-12-10:user:a',
  reason: 'reminder',
  app: 'billing',
  table: 'instalment',
  record: 'record:01',
  reminder: 'payment',
  kind: 'due',
  date: '2026-12-10',
  title: '第 2 期',
  reminderLabel: { 'zh-CN': '收款计划', en: 'Payment plan' },
  createdAt: '2026-12-03T02:00:00Z',
};

describe('notice entries', () => {
  it('shows a record reminder by its label, record and date, leading to the record', () => {
    const entry = noticeEntry(reminder, 'zh-CN');
    assert.equal(entry.href, '/records/billing/instalment/record%3A01');
    assert.equal(entry.title, '收款计划 · 第 2 期');
    assert.equal(entry.meta, '到期 2026-12-10');
    assert.equal(entry.badge, '到期提醒');
    assert.equal(entry.warn, false);
  });

  it('marks an overdue reminder and adds its message', () => {
    const entry = noticeEntry(
      { ...reminder, kind: 'overdue', message: { en: 'Collect it', 'zh-CN': '请跟进' } },
      'en',
    );
    assert.deepEqual(
      [entry.badge, entry.warn, entry.title],
      ['Overdue', true, 'Payment plan · 第 2 期'],
    );
    assert.equal(entry.meta, 'Was due 2026-12-10 · Collect it');
  });

  it('falls back to the reminder id when the version no longer has it', () => {
    const { reminderLabel: _, ...rest } = reminder;
    assert.equal(noticeEntry(rest, 'en').title, 'payment · 第 2 期');
  });

  it('keeps a flow notice leading to its item', () => {
    const entry = noticeEntry(
      {
        id: 'n1',
        reason: 'overdue',
        app: 'spend',
        instance: 'i1',
        title: '出差',
        flowLabel: { en: 'Expense', 'zh-CN': '费用' },
        initiatorName: 'Alice',
        createdAt: '2026-12-03T02:00:00Z',
      },
      'en',
    );
    assert.deepEqual(entry, {
      href: '/items/i1',
      badge: 'Overdue',
      warn: true,
      title: '出差',
      meta: 'Expense · Alice',
    });
  });
});
