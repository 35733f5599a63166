import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { MutateOptions, Stored } from '@tessera/runtime';
import { sweepUnattachedFiles } from '../src/files/sweep-unattached-files.ts';
import { INDEX } from '../src/storage/storage-indexes.ts';
import { call, type Session, signIn } from './accounts-helpers.ts';
import { download, type FileEntry, pdfBytes, upload } from './files-helpers.ts';
import { contract, createRecord, RECORDS, startRecordsWorld } from './records-helpers.ts';

const world = await startRecordsWorld();
const { server } = world;
const { app, storage } = server;
after(() => assert.deepEqual(storage.warnings, []));

const HOUR = 60 * 60 * 1000;
const sweep = (options?: { batch?: number }) => sweepUnattachedFiles(server.context, options);

/** Moves the clock on and signs in again (a session ends when it has been idle for long). */
async function later(ms: number): Promise<Session> {
  server.clock.advance(ms);
  return signIn(app, 'admin', server.admin.password);
}

async function uploaded(as: Session, name = 'scan.pdf'): Promise<FileEntry> {
  const sent = await upload(app, as, { name, type: 'application/pdf', bytes: pdfBytes(64) });
  assert.equal(sent.status, 201, JSON.stringify(sent.json));
  return sent.json as unknown as FileEntry;
}

const withScan = (title: string, scan: unknown[]) => ({
  values: { ...contract(title).values, scan },
});

/** Titles of the table's records (the admin sees them all). */
async function titles(as: Session): Promise<string[]> {
  const list = await call(app, 'GET', `${RECORDS}?limit=100`, { as });
  return (list.json.items as { values: { title: string } }[]).map((item) => item.values.title);
}

/** Each test starts with no unattached upload left over from the one before. */
async function clean(): Promise<Session> {
  const as = await later(25 * HOUR);
  await sweep();
  return as;
}

describe('sweeping uploads that no record refers to', () => {
  it('removes an unattached upload older than a day, bytes and all; a recent one stays', async () => {
    const admin = await clean();
    const old = await uploaded(admin, 'old.pdf');
    const fresh = await later(25 * HOUR);
    const recent = await uploaded(fresh, 'recent.pdf');
    const almost = await later(23 * HOUR);
    assert.deepEqual(await sweep(), { removed: 1 });
    assert.equal((await download(app, almost, old.id)).status, 404);
    assert.equal(await storage.get(old.id), undefined, 'the document is gone');
    assert.equal(await storage.getAttachment(old.id, 'content'), undefined);
    assert.equal((await download(app, almost, recent.id)).status, 200, '23 h old: it stays');
    assert.deepEqual(await sweep(), { removed: 0 }, 'nothing left to remove');
  });

  it('keeps a file a record refers to, however old', async () => {
    const admin = await clean();
    const entry = await uploaded(admin, 'kept.pdf');
    const record = await createRecord(world, admin, withScan('keeps its scan', [entry]));
    const month = await later(30 * 24 * HOUR);
    const unattached = await storage.find({
      index: INDEX.filesUnattached,
      selector: { type: 'file', uploadedAt: { $gte: '' } },
      limit: 1000,
    });
    assert.ok(!unattached.docs.some((doc) => doc._id === entry.id), 'the partial index omits it');
    assert.deepEqual(await sweep(), { removed: 0 });
    const got = await download(app, month, entry.id);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, pdfBytes(64));
    const meta = await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: month });
    assert.equal(meta.json.record, record.id);
  });

  it('removes each file once when two sweeps run together, without errors', async () => {
    const admin = await clean();
    const entries: FileEntry[] = [];
    for (let n = 0; n < 5; n++) entries.push(await uploaded(admin, `batch-${n}.pdf`));
    await later(25 * HOUR);
    const [first, second] = await Promise.all([sweep({ batch: 2 }), sweep({ batch: 2 })]);
    assert.equal(first.removed + second.removed, 5, JSON.stringify([first, second]));
    for (const entry of entries) assert.equal(await storage.get(entry.id), undefined);
    assert.deepEqual(await sweep({ batch: 2 }), { removed: 0 });
  });

  it('leaves a file that a record took while the sweep was removing it', async () => {
    const admin = await clean();
    const entry = await uploaded(admin, 'taken.pdf');
    const now = await later(25 * HOUR);
    const remove = storage.remove;
    let made: Awaited<ReturnType<typeof createRecord>> | undefined;
    // the sweep has read the file (unattached); a record takes it before the removal is written
    storage.remove = async (id, rev) => {
      if (id === entry.id && made === undefined) {
        made = await createRecord(world, now, withScan('took it in time', [entry]));
      }
      return remove.call(storage, id, rev);
    };
    try {
      assert.deepEqual(await sweep(), { removed: 0 }, 'the stale revision is a conflict');
    } finally {
      storage.remove = remove;
    }
    assert.ok(made);
    const meta = await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: now });
    assert.equal(meta.json.record, made.id);
    assert.equal((await download(app, now, entry.id)).status, 200);
  });

  it('takes back a record write whose file was removed after the check (409 file_gone)', async () => {
    const admin = await clean();
    const kept = await uploaded(admin, 'first.pdf');
    const record = await createRecord(world, admin, withScan('keeps the first', [kept]));
    const original = storage.mutate;
    const mutate = original.bind(storage);
    let target: string | undefined;
    // the write has passed the file check; the sweep removes the file before it is marked
    storage.mutate = async function mutateAfterSweep<T>(
      id: string,
      change: (current: Stored<T>) => Stored<T> | undefined,
      options?: MutateOptions,
    ) {
      if (id === target) {
        target = undefined;
        assert.deepEqual(await sweep(), { removed: 1 });
      }
      return mutate<T>(id, change, options);
    };
    try {
      const gone = await uploaded(admin, 'gone.pdf');
      let now = await later(25 * HOUR);
      target = gone.id;
      const created = await call(app, 'POST', RECORDS, {
        as: now,
        body: withScan('points at nothing', [gone]),
      });
      assert.equal(created.status, 409, JSON.stringify(created.json));
      assert.equal(created.json.error?.code, 'file_gone');
      assert.equal(created.json.error?.field, '/values/scan/0/id');
      assert.equal(await storage.get(gone.id), undefined, 'the sweep removed it');
      assert.ok(!(await titles(now)).includes('points at nothing'), 'the record was taken back');

      const goneToo = await uploaded(now, 'gone-too.pdf');
      now = await later(25 * HOUR);
      target = goneToo.id;
      const patched = await call(app, 'PATCH', `${RECORDS}/${record.id}`, {
        as: now,
        body: { _rev: record._rev, values: { scan: [kept, goneToo], title: 'changed' } },
      });
      assert.equal(patched.status, 409, JSON.stringify(patched.json));
      assert.equal(patched.json.error?.code, 'file_gone');
      assert.equal(patched.json.error?.field, '/values/scan/1/id');
      assert.equal(await storage.get(goneToo.id), undefined);
      const read = await call(app, 'GET', `${RECORDS}/${record.id}`, { as: now });
      const values = read.json.values as { title: string; scan: FileEntry[] };
      assert.equal(values.title, 'keeps the first', 'the change was taken back');
      assert.deepEqual(values.scan, [kept]);
      assert.equal((await download(app, now, kept.id)).status, 200, 'its file is still its own');
    } finally {
      storage.mutate = original;
    }
  });
});
