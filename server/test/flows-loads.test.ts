import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { StoragePort } from '@tessera/runtime';
import { readUser } from '../src/accounts/user-document.ts';
import { createFlowService, type FlowService } from '../src/flows/flow-service.ts';
import { loadOrganisation } from '../src/flows/organisation-snapshot.ts';
import type { RecordCaller } from '../src/records/caller.ts';
import { type PublishedApps, publishedApps } from '../src/records/published-apps.ts';
import { createRecordService } from '../src/records/record-service.ts';
import { createRecordWriter } from '../src/records/record-writer.ts';
import { call } from './accounts-helpers.ts';
import {
  act,
  budgetLine,
  type FlowWorld,
  itemOf,
  myTask,
  startExpense,
  startFlowWorld,
} from './flows-helpers.ts';
import { testPlatform } from './helpers.ts';

// What the flow service reads per start and per command, counted at its storage port and its
// published-versions loader. The record service gets the storage uncounted: its own reads
// (the update's revision check …) belong to the record writer, not to this service.
let world: FlowWorld;
let flows: FlowService;
const reads = new Map<string, number>();
let versions = 0;
const count = (kind: string) => reads.set(kind, (reads.get(kind) ?? 0) + 1);
const reset = () => {
  reads.clear();
  versions = 0;
};

function countingStorage(storage: StoragePort): StoragePort {
  return new Proxy(storage, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== 'get') return value.bind(target);
      return (id: string) => {
        count(id.slice(0, id.indexOf(':')));
        return target.get(id);
      };
    },
  });
}

function countingVersions(published: PublishedApps): PublishedApps {
  return {
    ...published,
    version(app, version) {
      versions += 1;
      return published.version(app, version);
    },
  };
}

const callerOf = async (session: FlowWorld['alice']): Promise<RecordCaller> => {
  const user = await readUser(world.server.storage, session.user.id);
  return {
    userId: session.user.id,
    roles: ['user'],
    name: user?.displayName ?? session.user.username,
    ...(user?.department === undefined ? {} : { department: user.department }),
  };
};

/**
 * Department reads of one organisation snapshot for alice's expense (and the users a command
 * names): the unit organisation loads are counted in.
 */
let snapshotReads: (users?: string[]) => Promise<number>;

before(async () => {
  world = await startFlowWorld();
  const raw = world.server.storage;
  const storage = countingStorage(raw);
  const now = () => world.server.clock.now;
  const writing = { storage: raw, now, platform: testPlatform };
  const recordsContext = { ...writing, writer: createRecordWriter(writing) };
  const records = createRecordService(recordsContext);
  const published = countingVersions(publishedApps(storage));
  flows = createFlowService({ ...recordsContext, storage, records, published });
  const context = { storage, now };
  const version = await publishedApps(raw).latest('spend');
  const flow = version.definition.flows?.find((one) => one.id === 'expense');
  assert.ok(flow);
  snapshotReads = async (users = []) => {
    reset();
    const initiator = world.alice.user.id;
    await loadOrganisation(context, { app: 'spend', flow, initiator, values: {}, users });
    const found = reads.get('department') ?? 0;
    assert.ok(found > 0, 'a snapshot reads the initiator’s department');
    return found;
  };
});

describe('the flow service loads once', () => {
  it('a start reads the organisation once, and neither its item nor its record back', async () => {
    const alice = await callerOf(world.alice);
    const perSnapshot = await snapshotReads();
    reset();
    const item = await flows.start(
      'spend',
      'expense',
      { values: { title: '出差', amount: '100.00', secret: 'hush' } },
      alice,
      { locale: 'en' },
    );
    assert.equal(item.status, 'running');
    assert.equal(reads.get('department') ?? 0, perSnapshot, 'one organisation snapshot');
    assert.equal(reads.get('flowinstance') ?? 0, 0, 'the instance it made is not read back');
    assert.equal(reads.get('record') ?? 0, 0, 'the record it made is not read back');
    assert.equal(versions, 1, 'the published version once');
  });

  it('a command with edits reads the item, the record, the version and the organisation once', async () => {
    const started = itemOf(
      await startExpense(world, { budgetLine: await budgetLine(world, '1000.00') }),
    );
    await act(world, world.boss, started.id, {
      type: 'approve',
      task: await myTask(world, world.boss, started.id),
    });
    const seen = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${started.id}`, { as: world.fin1 }),
    );
    const task = await myTask(world, world.fin1, started.id);
    const fin1 = await callerOf(world.fin1);
    const perSnapshot = await snapshotReads([world.dir.user.id]);
    reset();
    // a transfer (it names a user; no write-back follows to load versions of its own)
    const done = await flows.act(
      started.id,
      {
        type: 'transfer',
        task,
        to: world.dir.user.id,
        values: { note: '已核对' },
        rev: (seen.record as { _rev: string })._rev,
      },
      fin1,
      { locale: 'en' },
    );
    assert.equal(done.status, 'running');
    assert.equal(await myTask(world, world.dir, started.id).then(Boolean), true);
    assert.equal((done.record as { values: Record<string, unknown> }).values.note, '已核对');
    assert.equal(reads.get('flowinstance'), 1, 'the item once');
    assert.equal(reads.get('record'), 1, 'the record once');
    assert.equal(versions, 1, 'the published version once');
    assert.equal(reads.get('department') ?? 0, perSnapshot, 'one organisation snapshot');
  });
});
