import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PouchStorage } from '@tessera/runtime';
import type { PackContext } from '../src/packs/pack-context.ts';
import { type PackService, packService } from '../src/packs/pack-service.ts';
import { packSources } from '../src/packs/pack-sources.ts';
import { createRecordWriter } from '../src/records/record-writer.ts';
import { makeStorage, testPlatform } from './helpers.ts';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

/**
 * A small asset-register pack: one master table, one view, one role. Version 2 renames `cost`
 * to `price`, adds `location`, and migrates the records (rename, then set the new field).
 */
export function assetPack(version: '1.0.0' | '2.0.0' = '1.0.0'): Record<string, unknown> {
  const v2 = version === '2.0.0';
  return {
    schemaVersion: 1,
    name: 'asset-register',
    version,
    label: label('Asset register', '资产台账'),
    requires: { '@tessera/plugin-field-basic': '^0.1.0', '@tessera/plugin-view-basic': '^0.1.0' },
    roles: [{ id: 'keeper', label: label('Asset keeper', '资产管理员') }],
    rows: { asset: { keeper: 'all' } },
    tables: [
      {
        id: 'asset',
        label: label('Asset', '资产'),
        kind: 'master',
        titleField: 'name',
        fields: [
          { id: 'name', type: 'text', label: label('Name', '名称'), required: true },
          { id: v2 ? 'price' : 'cost', type: 'money', label: label('Cost', '价格') },
          { id: 'keeper', type: 'user', label: label('Keeper', '管理员') },
          { id: 'bought', type: 'date', label: label('Bought', '购入日期') },
          ...(v2 ? [{ id: 'location', type: 'text', label: label('Location', '存放地点') }] : []),
        ],
      },
    ],
    views: [
      {
        id: 'assets',
        label: label('Assets', '资产列表'),
        table: 'asset',
        type: 'list',
        columns: [{ field: 'name' }, { field: v2 ? 'price' : 'cost' }],
      },
    ],
    demo: {
      asset: [
        {
          $id: 'a1',
          name: 'Laptop',
          [v2 ? 'price' : 'cost']: '8000.00',
          keeper: '$role:keeper',
          bought: '$today-30d',
        },
        { $id: 'a2', name: 'Printer', [v2 ? 'price' : 'cost']: '2500.00', bought: '$today' },
      ],
    },
    ...(v2
      ? {
          migrations: [
            {
              from: '^1.0.0',
              to: '2.0.0',
              steps: [
                { op: 'renameField', table: 'asset', from: 'cost', to: 'price' },
                { op: 'setField', table: 'asset', field: 'location', value: '"总部"' },
              ],
            },
          ],
        }
      : {}),
  };
}

/** A folder of bundled packs holding the given manifests (each as an assembled pack.json). */
export function packsFolder(dir: string, packs: readonly Record<string, unknown>[]): string {
  for (const pack of packs) {
    const folder = join(dir, `${String(pack.name)}-${String(pack.version)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'pack.json'), JSON.stringify(pack));
  }
  return dir;
}

export interface PackWorld {
  readonly context: PackContext;
  readonly packs: PackService;
  readonly clock: { now: number };
}

/** The pack lifecycle over a fresh in-memory storage and a bundled folder. */
export async function packWorld(bundledDir?: string): Promise<PackWorld> {
  const storage = await makeStorage();
  const clock = { now: Date.parse('2026-12-01T09:00:00.000Z') };
  const now = () => clock.now;
  const context: PackContext = {
    storage,
    now,
    platform: testPlatform,
    writer: createRecordWriter({ storage, now, platform: testPlatform }),
    sources: packSources(storage, bundledDir),
    instanceId: 'test-server',
    active: new Set(),
    timeZone: 'Asia/Shanghai',
  };
  return { context, packs: packService(context), clock };
}

/** Every live document id of the storage, sorted (the "document set" of B10), with its type. */
export async function documentIds(context: PackContext): Promise<string[]> {
  const ids: string[] = [];
  for await (const doc of (context.storage as PouchStorage).dump()) ids.push(String(doc._id));
  return ids.sort();
}

/** A user document (and its username claim), as the accounts API would store it. */
export async function addUser(context: PackContext, username: string): Promise<string> {
  const id = `user:${username.replace(/\W/g, '')}`;
  await context.storage.create({
    _id: id,
    type: 'user',
    schemaVersion: 1,
    username,
    displayName: username,
    passwordHash: 'x',
    roles: ['user'],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await context.storage.create({
    _id: `username:${username.toLowerCase()}`,
    type: 'claim',
    schemaVersion: 1,
    kind: 'username',
    value: username,
    owner: id,
    claimedAt: '2026-01-01T00:00:00.000Z',
  });
  return id;
}
