import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createPlatform } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { flowBasic } from '@tessera/plugin-flow-basic';
import { viewBasic } from '@tessera/plugin-view-basic';
import { createPouchStorage, type StoragePort } from '@tessera/runtime';
import { APP_INDEXES } from '../src/apps/app-documents.ts';
import { type AppStore, AppStoreError, createAppStore } from '../src/apps/app-store.ts';
import { AUDIT_INDEXES, auditOf } from '../src/audit/audit-entry.ts';

const platform = createPlatform({ plugins: [fieldBasic, flowBasic, viewBasic] });

/** The example pack of the implementers' page, as an app definition. */
function contractsApp(): Record<string, unknown> {
  const pack = JSON.parse(
    readFileSync(new URL('../src/web/example-pack.json', import.meta.url), 'utf8'),
  );
  const { name: _name, version: _version, requires: _requires, demo: _demo, ...parts } = pack;
  return { ...parts, id: 'contracts' };
}

async function rejection(promise: Promise<unknown>): Promise<AppStoreError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppStoreError, String(error));
    return error;
  }
  assert.fail('expected the app store to refuse');
}

describe('app store', () => {
  let storage: StoragePort;
  let apps: AppStore;
  let counter = 0;

  before(async () => {
    storage = await createPouchStorage({ kind: 'memory', name: `apps-${Date.now()}` });
    await storage.ensureIndexes([...APP_INDEXES, ...AUDIT_INDEXES]);
    apps = createAppStore(storage, platform);
  });
  after(() => storage.close());

  const freshApp = (): Record<string, unknown> => ({
    ...contractsApp(),
    id: `contracts${++counter}`,
  });

  it('stores a valid app and refuses an invalid one with its issues', async () => {
    const app = freshApp();
    const stored = await apps.create(app, 'user:alice');
    assert.equal(stored.appId, app.id);
    assert.equal(stored.latestVersion, 0);
    const broken = freshApp();
    (broken.tables as { fields: { type: string }[] }[])[0]!.fields[0]!.type = 'signature';
    const error = await rejection(apps.create(broken, 'user:alice'));
    assert.equal(error.kind, 'invalid');
    assert.equal(error.issues[0]?.path, '/tables/0/fields/0/type');
  });

  it('refuses a second app with the same id', async () => {
    const app = freshApp();
    await apps.create(app, 'user:alice');
    assert.equal((await rejection(apps.create(app, 'user:bob'))).kind, 'exists');
  });

  it('publishes immutable numbered versions, concurrent publishes included', async () => {
    const app = freshApp();
    await apps.create(app, 'user:alice');
    const first = await apps.publish(app.id as string, 'user:alice', 'first');
    assert.equal(first.version, 1);
    const changed = { ...app, label: { en: 'Contracts v2', 'zh-CN': '合同 v2' } };
    await apps.saveDraft(app.id as string, changed, 'user:alice');
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => apps.publish(app.id as string, 'user:bob')),
    );
    assert.deepEqual(
      raced.map((one) => one.version).sort((a, b) => a - b),
      [2, 3, 4, 5, 6],
    );
    const page = await apps.versions(app.id as string);
    assert.deepEqual(
      page.docs.map((one) => one.version),
      [6, 5, 4, 3, 2, 1],
    );
    assert.deepEqual((await apps.version(app.id as string, 1)).definition.label, app.label);
    assert.deepEqual((await apps.version(app.id as string, 2)).definition.label, changed.label);
    assert.equal((await apps.get(app.id as string)).latestVersion, 6);
  });

  it('refuses a draft of another app and unknown apps', async () => {
    const app = freshApp();
    await apps.create(app, 'user:alice');
    const other = await rejection(
      apps.saveDraft(app.id as string, { ...app, id: 'elsewhere' }, 'user:alice'),
    );
    assert.equal(other.issues[0]?.code, 'app.idChanged');
    assert.equal((await rejection(apps.get('nope'))).kind, 'not_found');
    assert.equal((await rejection(apps.version(app.id as string, 9))).kind, 'not_found');
  });

  it('audits every change, newest first', async () => {
    const app = freshApp();
    await apps.create(app, 'user:alice');
    await apps.saveDraft(app.id as string, app, 'user:bob');
    const history = await auditOf(storage, `app:${app.id}`);
    assert.deepEqual(
      history.docs.map((one) => [one.action, one.actor]),
      [
        ['app.saveDraft', 'user:bob'],
        ['app.create', 'user:alice'],
      ],
    );
  });
});
