import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateSchema } from '@tessera/core';
import { FlowCommandSchema } from '@tessera/core/api';
import type { FlowItem, ItemTask } from '../src/pages/item/flow-item.ts';
import { commandOf, editableValues, itemActions } from '../src/pages/item/item-actions.ts';
import { matchRoute } from '../src/shell/routes.ts';

const task = (kind: ItemTask['kind'], status: string, assignee = 'user:me'): ItemTask => ({
  id: `${kind}-${status}`,
  node: kind === 'draft' ? 'start' : 'review',
  kind,
  assignee,
  status,
  createdAt: '2026-12-01T00:00:00Z',
});

const item = (change: Partial<FlowItem>): FlowItem => ({
  id: 'i1',
  app: 'a',
  version: 1,
  flow: 'f',
  status: 'running',
  initiator: 'user:drafter',
  createdAt: '2026-12-01T00:00:00Z',
  record: { id: 'record:i1', _rev: '1-a', values: {} },
  tasks: [],
  timeline: [],
  mine: [],
  rights: { fields: {} },
  passed: [],
  diagram: { nodes: [], edges: [] },
  ...change,
});

const names = (found: ReturnType<typeof itemActions>) => found.map((one) => one.name);

describe('what a person may do with an item', () => {
  it('an approver: approve, reject, return, transfer, add signer, comment', () => {
    const found = itemActions(item({ mine: [task('approve', 'open')] }), 'user:me');
    assert.deepEqual(names(found), [
      'approve',
      'reject',
      'return',
      'transfer',
      'addSigner',
      'comment',
    ]);
    assert.ok(found.find((one) => one.name === 'reject')?.final, 'a rejection is confirmed');
    assert.deepEqual(found.find((one) => one.name === 'return')?.asks, ['returnTo', 'opinion']);
  });

  it('the drafter of a running item: withdraw, urge, comment; of a draft: submit and save', () => {
    assert.deepEqual(names(itemActions(item({}), 'user:drafter')), ['withdraw', 'urge', 'comment']);
    const draft = item({ status: 'draft', mine: [task('draft', 'open', 'user:drafter')] });
    assert.deepEqual(names(itemActions(draft, 'user:drafter')), ['submit', 'saveDraft']);
  });

  it('a CC reader marks it read; an onlooker may only comment', () => {
    assert.deepEqual(names(itemActions(item({ mine: [task('cc', 'unread')] }), 'user:me')), [
      'read',
      'comment',
    ]);
    assert.deepEqual(names(itemActions(item({ status: 'approved' }), 'user:other')), ['comment']);
  });

  it('sends only the fields the node may edit', () => {
    const found = editableValues(
      item({ rights: { fields: { a: 'edit', b: 'read', c: 'hidden' } } }),
      { a: 1, b: 2, c: 3 },
    );
    assert.deepEqual(found, { a: 1 });
  });
});

describe('the command an action sends', () => {
  it('is one the API takes: the task, the choice, and edits with the revision read', () => {
    const approval = task('approve', 'open');
    const mine = item({ mine: [approval], rights: { fields: { amount: 'edit' } } });
    const [approve] = itemActions(mine, 'user:me');
    const command = commandOf(mine, approve!, { opinion: 'ok' }, { amount: '5.00' });
    assert.deepEqual(command, {
      type: 'approve',
      task: approval.id,
      opinion: 'ok',
      values: { amount: '5.00' },
      rev: '1-a',
    });
    assert.deepEqual(validateSchema(FlowCommandSchema, command), []);
    const urge = itemActions(item({ initiator: 'user:me' }), 'user:me').find(
      (one) => one.name === 'urge',
    );
    const plain = commandOf(mine, urge!, {}, {});
    assert.deepEqual(plain, { type: 'urge' }, 'no task, no values: nothing else goes');
    assert.deepEqual(validateSchema(FlowCommandSchema, plain), []);
  });
});

describe('the page registry', () => {
  const routes = [
    { pattern: '/', tag: 'home', load: async () => undefined },
    { pattern: '/items/:id', tag: 'item', load: async () => undefined },
    { pattern: '/records/:app/:table/new', tag: 'new', load: async () => undefined },
    { pattern: '/records/:app/:table/:id', tag: 'record', load: async () => undefined },
  ];

  it('matches by segments, decodes parameters, and takes the first pattern that fits', () => {
    assert.equal(matchRoute(routes, '/')?.route.tag, 'home');
    assert.deepEqual(matchRoute(routes, '/items/01%E4%B8%80')?.params, { id: '01一' });
    assert.equal(matchRoute(routes, '/records/a/t/new')?.route.tag, 'new');
    assert.deepEqual(matchRoute(routes, '/records/a/t/record:1')?.params, {
      app: 'a',
      table: 't',
      id: 'record:1',
    });
    assert.equal(matchRoute(routes, '/items'), undefined);
    assert.equal(
      matchRoute(routes, '/items/%E0%A4%A'),
      undefined,
      'a broken escape matches nothing',
    );
  });
});
