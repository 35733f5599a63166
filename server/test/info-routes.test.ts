import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlatformDescription } from '../src/index.ts';
import { makeApp } from './helpers.ts';

const app = await makeApp();

describe('GET /api/health', () => {
  it('answers ok with the server version', async () => {
    const response = await app.request('/api/health');
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; version: string };
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });
});

describe('GET /api/platform', () => {
  it('lists the three plugins with versions', async () => {
    const body = (await (await app.request('/api/platform')).json()) as PlatformDescription;
    const names = body.plugins.map((plugin: { name: string }) => plugin.name);
    assert.deepEqual(names.sort(), [
      '@tessera/plugin-field-basic',
      '@tessera/plugin-flow-basic',
      '@tessera/plugin-view-basic',
    ]);
    for (const plugin of body.plugins) assert.match(plugin.version, /^\d+\.\d+\.\d+/);
  });

  it('describes field, node and view types with labels in both languages', async () => {
    const body = (await (await app.request('/api/platform')).json()) as PlatformDescription;
    const money = body.fieldTypes.find((one: { type: string }) => one.type === 'money')!;
    assert.deepEqual(money.label, { 'zh-CN': '金额', en: 'Money' });
    assert.equal(money.group, 'basic');
    assert.equal(typeof money.icon, 'string');
    const approval = body.nodeTypes.find((one: { type: string }) => one.type === 'approval')!;
    assert.equal(approval.shape, 'step');
    assert.equal(approval.group, 'task');
    assert.equal(approval.label['zh-CN'], '审批');
    const list = body.viewTypes.find((one: { type: string }) => one.type === 'list')!;
    assert.equal(list.label.en, 'List');
    assert.ok(Array.isArray(body.functions));
    for (const fn of body.functions) assert.equal(typeof fn.signature, 'string');
  });
});
