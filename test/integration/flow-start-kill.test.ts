/**
 * kill -9 during flow starts, for real: alice starts expense items on a Tessera process on an
 * embedded DATA_DIR, six at a time, half of them under an Idempotency-Key; the process is sent
 * SIGKILL at a random moment, then restarted on the same folder. A start is two writes (its
 * record, then its instance), so a kill may fall between them.
 *
 * After each kill (storage read directly): every start answered 201 has its record and its
 * instance. After the restart (past the sweep's grace): every record a start stored has its
 * item, those the kill cut off as alice's drafts (待发); the keyed starts sent again with their
 * keys answer 201, and one whose record was stored is that same item, now submitted. Rounds go
 * on until a kill has cut a start off between its two writes (at most six). At the end: one
 * instance per started record, none without its record.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { DumpedDocument } from '@tessera/runtime';
import { request, type Session } from './support/api-client.ts';
import { scratchDir, startTessera, stopAll, type TesseraProcess } from './support/processes.ts';
import { ok, setUpSpend, signInSpend } from './support/spend-world.ts';
import { noProblems, storedDocuments } from './support/stored.ts';

const MAX_ROUNDS = 6;
const AT_ONCE = 6;
/** The sweep leaves starts younger than this alone (server/src/flows/unfinished-starts.ts). */
const GRACE_MS = 15_000;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const itemOf = (recordId: string) => recordId.slice('record:'.length);

interface Started {
  readonly key: string | undefined;
  /** The item id the answer gave; undefined when the kill took the answer away. */
  id?: string;
}

/** Records the spend app's starts stored, and the instances, as the storage holds them. */
async function readStarts(dataDir: string) {
  const docs = await storedDocuments(
    dataDir,
    (doc) =>
      (doc.type === 'record' && doc.app === 'spend' && doc.table === 'expense') ||
      doc.type === 'flowinstance',
  );
  const records = new Map(
    docs.filter((doc) => doc.type === 'record').map((doc) => [itemOf(doc._id), doc]),
  );
  const instances = new Map<string, DumpedDocument>(
    docs.filter((doc) => doc.type === 'flowinstance').map((doc) => [String(doc.id), doc]),
  );
  return { records, instances };
}

describe('kill -9 during flow starts, then the sweep and the same starts again', {
  timeout: 900_000,
}, () => {
  after(stopAll);

  it('leaves no started record without its item', async (t) => {
    const dataDir = await scratchDir('flow-start-kill');
    let server: TesseraProcess = await startTessera(dataDir);
    await setUpSpend(server.url, server.adminPassword!);
    let people = await signInSpend(server.url);
    const start = (as: Session, key: string | undefined, n: number) =>
      request(server.url, 'POST', '/api/apps/spend/flows/expense/items', {
        session: as,
        body: { values: { title: `出差 ${n}`, amount: '12.00' } },
        ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
      });

    let cutOff = 0;
    let sent = 0;
    const answered = new Set<string>();
    for (let round = 1; round <= MAX_ROUNDS && cutOff === 0; round++) {
      // six lanes of starts, one after another, until the kill
      const starts: Started[] = [];
      let killed = false;
      const lane = async () => {
        while (!killed) {
          const n = ++sent;
          const one: Started = { key: n % 2 === 0 ? `start-kill-${n}` : undefined };
          starts.push(one);
          try {
            const answer = await start(people.alice, one.key, n);
            if (answer.status === 201) one.id = String(answer.json.id);
            else if (!killed) ok(answer, 201, `start ${n}`);
          } catch {
            return; // the connection went with the process
          }
        }
      };
      const lanes = Array.from({ length: AT_ONCE }, lane);
      await pause(300 + Math.random() * 1500);
      killed = true;
      await server.kill9();
      await Promise.all(lanes);

      const left = await readStarts(dataDir);
      const problems: string[] = [];
      for (const one of starts.filter((s) => s.id !== undefined)) {
        answered.add(one.id!);
        if (!left.records.has(one.id!)) problems.push(`${one.id} answered 201, has no record`);
        if (!left.instances.has(one.id!)) problems.push(`${one.id} answered 201, has no item`);
      }
      noProblems(problems, `round ${round}, after the kill`);
      const orphans = [...left.records.keys()].filter((id) => !left.instances.has(id));
      cutOff += orphans.length;

      // restarted once the cut-off starts are past the sweep's grace: its first sweep has them
      await pause(GRACE_MS + 1_000);
      server = await startTessera(dataDir);
      people = await signInSpend(server.url);
      for (const id of orphans) {
        let view: { status?: unknown } = {};
        for (let tries = 0; tries < 50 && view.status !== 'draft'; tries++) {
          const answer = await request(server.url, 'GET', `/api/flow-items/${id}`, {
            session: people.alice,
          });
          view = answer.json as { status?: unknown };
          if (view.status !== 'draft') await pause(200);
        }
        assert.equal(view.status, 'draft', `${id}, cut off by the kill, is alice's draft`);
      }
      const drafts = ok(
        await request(server.url, 'GET', '/api/inbox?box=draft', { session: people.alice }),
        200,
        'drafts',
      ).items as { instance: string }[];
      for (const id of orphans)
        assert.ok(
          drafts.some((entry) => entry.instance === id),
          `${id} is in her drafts`,
        );

      // the keyed starts the kill took the answer of, sent again with their keys
      let resumed = 0;
      for (const one of starts.filter((s) => s.id === undefined && s.key !== undefined)) {
        const again = ok(await start(people.alice, one.key, 0), 201, `${one.key} again`) as {
          id: string;
          status: string;
        };
        assert.equal(again.status, 'running', `${one.key} again is submitted`);
        if (orphans.includes(again.id)) resumed++;
        answered.add(again.id);
      }
      t.diagnostic(
        `round ${round}: ${starts.length} starts sent, ${starts.filter((s) => s.id).length} ` +
          `answered before the kill, ${orphans.length} cut off between record and item ` +
          `(${resumed} of them sent again with their key and submitted)`,
      );
    }
    await server.stop();

    const end = await readStarts(dataDir);
    const problems: string[] = [];
    for (const [id, record] of end.records) {
      const instance = end.instances.get(id);
      if (!instance) problems.push(`${id} has no item`);
      else if (instance.record !== record._id) problems.push(`${id}: item of ${instance.record}`);
    }
    for (const [id, instance] of end.instances)
      if (!end.records.has(id) && instance.app === 'spend') problems.push(`${id} has no record`);
    for (const id of answered) if (!end.instances.has(id)) problems.push(`${id} answered, gone`);
    noProblems(problems, 'storage at the end');
    assert.ok(cutOff >= 1, 'a kill cut a start off between its record and its item');
  });
});
