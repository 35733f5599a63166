import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiProblem } from '../src/api/api-error.ts';
import { pollInstall } from '../src/pages/store/poll-install.ts';
import {
  appIdOf,
  cardState,
  compareVersions,
  installable,
  installBody,
  isAdmin,
  migrationSteps,
  problemIssues,
} from '../src/pages/store/store-model.ts';
import type { InstallState, PackListing } from '../src/pages/store/store-types.ts';
import { fakeApi } from './fake-api.ts';

const state = (change: Partial<InstallState> = {}): InstallState => ({
  app: 'contract',
  pack: 'contract',
  version: '1.0.0',
  state: 'installed',
  step: 'done',
  done: 6,
  total: 6,
  startedAt: '2026-12-01T00:00:00Z',
  ...change,
});

const listing = (change: Partial<PackListing> = {}): PackListing => ({
  name: 'contract',
  version: '1.0.0',
  app: 'contract',
  label: { 'zh-CN': '合同', en: 'Contracts' },
  requires: {},
  plugins: [],
  roles: [],
  counts: { tables: 1, forms: 1, flows: 1, views: 1, demo: 1 },
  source: 'bundled',
  valid: true,
  issues: [],
  ...change,
});

describe('the store model', () => {
  it('orders versions as semver does', () => {
    assert.equal(compareVersions('1.10.0', '1.9.2'), 1);
    assert.equal(compareVersions('1.0.0', '1.0.0'), 0);
    assert.equal(compareVersions('1.0.0-beta.1', '1.0.0'), -1);
    assert.equal(compareVersions('2.0.0', '10.0.0'), -1);
  });

  it('offers install, open, upgrade, wait or retry by the install state', () => {
    assert.equal(cardState(listing()), 'install');
    assert.equal(cardState(listing({ installed: state() })), 'installed');
    assert.equal(cardState(listing({ version: '1.1.0', installed: state() })), 'upgrade');
    assert.equal(cardState(listing({ version: '0.9.0', installed: state() })), 'installed');
    assert.equal(cardState(listing({ installed: state({ state: 'upgrading' }) })), 'busy');
    assert.equal(cardState(listing({ installed: state({ state: 'failed' }) })), 'failed');
    const stopped = state({
      state: 'upgrading',
      error: { code: 'upgrade_interrupted', message: { en: 'x', 'zh-CN': 'x' } },
    });
    assert.equal(cardState(listing({ installed: stopped })), 'stalled', 'an upgrade that stopped');
  });

  it('cannot install a pack with a missing plugin or one that failed checking', () => {
    const ok = { name: 'p', range: '^1.0.0', installed: '1.0.0', ok: true };
    assert.equal(installable(listing({ plugins: [ok] })), true);
    assert.equal(installable(listing({ plugins: [ok, { ...ok, name: 'q', ok: false }] })), false);
    assert.equal(installable(listing({ valid: false })), false);
  });

  it('reads the migrations of every version step, in order', () => {
    const step = { op: 'removeField', table: 't', field: 'f', records: 4 };
    const other = { op: 'renameField', table: 't', from: 'a', to: 'b', records: 4 };
    const grouped = {
      from: '1.0.0',
      to: '1.2.0',
      changes: [],
      migrations: [
        { from: '^1.0.0', to: '1.1.0', steps: [step, step] },
        { from: '1.1.0', to: '1.2.0', steps: [other] },
      ],
    };
    assert.deepEqual(migrationSteps(grouped), [step, step, other]);
  });

  it("names the app as the server does, the installed one's first", () => {
    assert.equal(appIdOf(listing({ app: 'service_contract' })), 'service_contract');
    assert.equal(appIdOf(listing({ installed: state({ app: 'other' }) })), 'other');
  });

  it('is for admins only', () => {
    const user = { id: 'user:a', username: 'a', displayName: 'A', roles: ['admin'] };
    assert.equal(isAdmin(user), true);
    assert.equal(isAdmin({ ...user, roles: ['user'] }), false);
    assert.equal(isAdmin(undefined), false);
  });

  it('sends the people and departments of each role, leaving out roles nobody has', () => {
    const body = installBody(
      '1.0.0',
      {
        manager: { users: [{ id: 'user:li', name: 'Li' }], departments: [] },
        clerk: { users: [], departments: [] },
        legal: { users: [], departments: [{ id: 'dept:law', name: 'Law' }] },
      },
      false,
    );
    assert.deepEqual(body, {
      version: '1.0.0',
      roles: { manager: { users: ['user:li'] }, legal: { departments: ['dept:law'] } },
      demo: false,
    });
  });

  it("reads a refusal's issues with their pointers, in either message shape", () => {
    const problem = new ApiProblem(400, 'invalid_pack', 'refused', '/tables/0', {
      issues: [
        { path: '/tables/0/id', code: 'schema.pattern', message: 'must match' },
        { path: '', code: 'x', message: { en: 'whole pack', 'zh-CN': '整个包' } },
      ],
    });
    assert.deepEqual(problemIssues(problem, 'zh-CN'), [
      { path: '/tables/0/id', message: 'must match' },
      { path: '/', message: '整个包' },
    ]);
    assert.deepEqual(problemIssues(new Error('x'), 'en'), []);
  });
});

describe('following an install', () => {
  it('reads the state until it is installed, telling each answer', async () => {
    const { api, sent } = fakeApi({
      'GET /packs/contract/install': [
        { body: { install: state({ state: 'installing', step: 'validate', done: 0 }) } },
        { body: { install: state({ state: 'installing', step: 'demo', done: 3 }) } },
        { body: { install: state() } },
      ],
    });
    const seen: string[] = [];
    const last = await pollInstall(api, 'contract', (one) => seen.push(one.step), { interval: 1 });
    assert.deepEqual(seen, ['validate', 'demo', 'done']);
    assert.equal(last.state, 'installed');
    assert.equal(sent('GET', '/packs/contract/install').length, 3);
  });

  it('stops at a failure, and stops reading when told to', async () => {
    const failed = state({
      state: 'failed',
      step: 'demo',
      error: { code: 'x', message: { en: 'bad', 'zh-CN': '坏' } },
    });
    const { api } = fakeApi({ 'GET /packs/contract/install': { body: { install: failed } } });
    assert.equal(
      (await pollInstall(api, 'contract', () => undefined, { interval: 1 })).state,
      'failed',
    );
    const slow = fakeApi({
      'GET /packs/contract/install': { body: { install: state({ state: 'installing' }) } },
    });
    const stop = new AbortController();
    const running = pollInstall(slow.api, 'contract', () => stop.abort(), {
      interval: 1000,
      signal: stop.signal,
    });
    await assert.rejects(running, { name: 'AbortError' });
    assert.equal(slow.requests.length, 1);
  });

  it('stops at an upgrade that stopped with an error (it stays upgrading)', async () => {
    const stopped = state({
      state: 'upgrading',
      step: 'migrate',
      error: { code: 'upgrade_interrupted', message: { en: 'x', 'zh-CN': 'x' } },
    });
    const { api, requests } = fakeApi({
      'GET /packs/contract/install': { body: { install: stopped } },
    });
    const last = await pollInstall(api, 'contract', () => undefined, { interval: 1 });
    assert.equal(last.error?.code, 'upgrade_interrupted');
    assert.equal(requests.length, 1);
  });
});
