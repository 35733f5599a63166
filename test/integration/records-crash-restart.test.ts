/**
 * kill -9 during concurrent record writes, for real: a Tessera process on an embedded DATA_DIR
 * (as `npm start` runs it) serves creates (each with an `Idempotency-Key`) and updates of
 * records of a published app, made by a non-admin user through their app role, and is sent
 * SIGKILL at a random moment, then restarted on the same folder — at least 20 rounds.
 *
 * After every restart: the creates that got no answer are retried with their keys; then every
 * create is present exactly once under the id it was answered with (no duplicate for a retried
 * key), every acknowledged update is visible (the record is at that update or a later one), the
 * API's cursor pages list exactly the records acknowledged, storage read directly agrees (index
 * and full scan), and each record has exactly one `record.create` audit entry and one
 * `record.update` entry per acknowledged update. A change the kill left stored but unlogged is
 * logged by the restart's roll-forward (ADR 0018), before any retry.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  createPouchStorage,
  type DumpedDocument,
  type QueryEvent,
  storageLocationFromEnv,
} from '@tessera/runtime';
import { listAll, request, type Session, signIn } from './support/api-client.ts';
import { scratchDir, startTessera, stopAll, type TesseraProcess } from './support/processes.ts';
import {
  appRoleUser,
  type HistoryEntry,
  publishExampleApp,
  type RecordItem,
  recordHistory,
  recordsPath,
} from './support/records.ts';

const ROUNDS = 20;
const CREATORS = 3;
const UPDATERS = 2;
/** The kill lands this long after the round's first write is sent (uniformly random). */
const KILL_WINDOW_MS = [30, 450] as const;
const APP = 'crash_records';
const PATH = recordsPath(APP);
const USERNAME = 'crash.clerk';

/** One create, by its idempotency key. */
interface Create {
  readonly key: string;
  readonly round: number;
  /** The id and first revision the server answered with (after a retry, maybe). */
  answered?: { id: string; rev: string; round: number; retried: boolean };
}

/** One acknowledged record and the updates sent to it. */
interface Tracked {
  readonly id: string;
  readonly key: string;
  /** The revision to send next (the last answered, or read after a restart). */
  rev: string;
  /** The newest update answered 200 (0: only the create), and its revision. */
  ackedVersion: number;
  ackedRev: string;
  /** Every update version answered 200. */
  readonly acked: number[];
  /** The highest update version ever sent (answered or not). */
  maxSent: number;
  busy: boolean;
}

const title = (key: string, version: number) => `${key} v${version}`;
const versionOf = (key: string, value: unknown) => {
  const match = typeof value === 'string' ? /^(.*) v(\d+)$/.exec(value) : null;
  return match && match[1] === key ? Number(match[2]) : Number.NaN;
};
const generation = (rev: string) => Number(rev.split('-')[0]);
const valuesOf = (key: string, version: number) => ({
  title: title(key, version),
  amount: `${version + 1}.00`,
  owner: 'zhang.wei',
});
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Storage read directly while no server runs: the app's records by full scan and by the row
 * scope's index (they must agree, every query served by its index), and their audit entries.
 */
async function readStorage(dataDir: string, clerkId: string) {
  const queries: QueryEvent[] = [];
  const storage = await createPouchStorage({
    ...storageLocationFromEnv({}, dataDir),
    onQuery: (event) => queries.push(event),
  });
  try {
    const records = new Map<string, DumpedDocument>();
    const audit = new Map<string, DumpedDocument[]>();
    for await (const doc of storage.dump()) {
      if (doc.type === 'record' && doc.app === APP) records.set(doc._id, doc);
      if (doc.type === 'audit' && typeof doc.subject === 'string') {
        if (doc.subject.startsWith('record:')) {
          audit.set(doc.subject, [...(audit.get(doc.subject) ?? []), doc]);
        }
      }
    }
    const indexed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.find({
        index: 'records-by-creator',
        selector: { type: 'record', app: APP, table: 'contract', createdBy: clerkId },
        sort: ['type', 'app', 'table', 'createdBy', 'createdAt'].map((f) => ({ [f]: 'desc' })),
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      indexed.push(...page.docs.map((doc) => doc._id));
      cursor = page.next;
    } while (cursor);
    const warned = queries.filter((query) => query.warning !== undefined || query.error);
    assert.deepEqual(warned, [], 'every query was served by its index');
    return { records, audit, scanned: [...records.keys()].sort(), indexed: indexed.sort() };
  } finally {
    await storage.close();
  }
}

/** Fails listing every problem, one a line (unlike deepEqual, it leaves the array's type alone). */
function none(problems: readonly string[], what: string): void {
  if (problems.length > 0) {
    assert.fail(`${what}: ${problems.length} problems\n${problems.join('\n')}`);
  }
}

/** `work` over `items`, at most `width` at a time; the answers in the order of `items`. */
async function inParallel<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const answers: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      answers[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return answers;
}

/** The ids listed more than once, and those in `want` but not in `got` and the other way. */
function difference(got: readonly string[], want: Iterable<string>) {
  const seen = new Set<string>();
  const duplicates = got.filter((id) => seen.has(id) || !seen.add(id));
  const wanted = new Set(want);
  return {
    duplicates,
    missing: [...wanted].filter((id) => !seen.has(id)),
    extra: [...seen].filter((id) => !wanted.has(id)),
  };
}

describe('kill -9 during concurrent record creates and updates, then restart', {
  timeout: 300_000,
}, () => {
  after(stopAll);
  /** Updates applied (seen after a restart), never answered, and without an audit entry. */
  const unauditedUpdates: string[] = [];
  /** Records stored before a kill, never answered, and without an audit entry until retried. */
  const unauditedCreates: string[] = [];

  it(`keeps every acknowledged record write over ${ROUNDS} rounds`, async (t) => {
    const dataDir = await scratchDir('records-crash');
    let server: TesseraProcess = await startTessera(dataDir);
    const password = server.adminPassword;
    assert.ok(password, server.output());
    let admin: Session = await signIn(server.url, 'admin', password);
    await publishExampleApp(server.url, admin, APP);
    // A platform `user` with the app role `legal`, row scope own: the normal permission path.
    let clerk = await appRoleUser(server.url, admin, APP, USERNAME, 'own');
    const clerkPassword = 'correct horse battery staple';

    const creates = new Map<string, Create>();
    const tracked = new Map<string, Tracked>();
    /** The key each answered id was made with: a second key answered with one is a duplicate. */
    const keyOfId = new Map<string, string>();
    const stats = {
      createsSent: 0,
      updatesSent: 0,
      updatesAcked: 0,
      createsCut: 0,
      updatesCut: 0,
      retried: 0,
      retriedReplayed: 0,
      unackedUpdatesApplied: 0,
      createsRolledForward: 0,
    };

    const acknowledge = (create: Create, answer: RecordItem, round: number, retried: boolean) => {
      const known = keyOfId.get(answer.id);
      assert.ok(
        known === undefined || known === create.key,
        `${create.key} was answered with ${answer.id}, the record of ${known}`,
      );
      if (create.answered) {
        assert.equal(answer.id, create.answered.id, `${create.key} answered two ids`);
        return;
      }
      create.answered = { id: answer.id, rev: answer._rev, round, retried };
      keyOfId.set(answer.id, create.key);
      tracked.set(answer.id, {
        id: answer.id,
        key: create.key,
        rev: answer._rev,
        ackedVersion: 0,
        ackedRev: answer._rev,
        acked: [],
        maxSent: 0,
        busy: false,
      });
    };
    const createOnce = (url: string, create: Create) =>
      request(url, 'POST', PATH, {
        session: clerk,
        headers: { 'Idempotency-Key': create.key },
        body: { values: valuesOf(create.key, 0) },
      });

    // A few records before the first kill, so the updaters have work from the start.
    for (let i = 0; i < 4; i++) {
      const create: Create = { key: `seed-${i}`, round: 0 };
      creates.set(create.key, create);
      const answer = await createOnce(server.url, create);
      assert.equal(answer.status, 201, JSON.stringify(answer.json));
      acknowledge(create, answer.json as unknown as RecordItem, 0, false);
    }

    for (let round = 1; round <= ROUNDS; round++) {
      const problems: string[] = [];
      const touched = new Set<string>();
      let killed = false;
      const url = server.url;

      const creator = async (w: number) => {
        for (let n = 0; !killed; n++) {
          const create: Create = { key: `r${round}-c${w}-${n}`, round };
          creates.set(create.key, create);
          stats.createsSent++;
          try {
            const answer = await createOnce(url, create);
            if (answer.status === 201) {
              acknowledge(create, answer.json as unknown as RecordItem, round, false);
              touched.add(answer.json.id as string);
            } else {
              problems.push(
                `create ${create.key}: ${answer.status} ${JSON.stringify(answer.json)}`,
              );
            }
          } catch (error) {
            if (!killed) throw new Error(`round ${round}: create ${create.key} failed: ${error}`);
            stats.createsCut++;
          }
        }
      };
      const updater = async () => {
        while (!killed) {
          const idle = [...tracked.values()].filter((record) => !record.busy);
          const record = idle[Math.floor(Math.random() * idle.length)];
          if (!record) {
            await pause(5);
            continue;
          }
          record.busy = true;
          const version = record.maxSent + 1;
          record.maxSent = version;
          stats.updatesSent++;
          touched.add(record.id);
          try {
            const answer = await request(url, 'PATCH', `${PATH}/${encodeURIComponent(record.id)}`, {
              session: clerk,
              body: { _rev: record.rev, values: valuesOf(record.key, version) },
            });
            if (answer.status === 200) {
              record.rev = answer.json._rev as string;
              record.ackedVersion = version;
              record.ackedRev = record.rev;
              record.acked.push(version);
              stats.updatesAcked++;
            } else {
              problems.push(
                `update ${record.id} (${record.key}) to v${version} from ${record.rev}: ` +
                  `${answer.status} ${JSON.stringify(answer.json)}`,
              );
            }
          } catch (error) {
            if (!killed) throw new Error(`round ${round}: update ${record.id} failed: ${error}`);
            stats.updatesCut++;
          } finally {
            record.busy = false;
          }
        }
      };

      const [low, high] = KILL_WINDOW_MS;
      const killAfter = low + Math.random() * (high - low);
      const victim = server;
      const killing = new Promise<void>((done, fail) =>
        setTimeout(() => {
          killed = true;
          victim.kill9().then(done, fail);
        }, killAfter),
      );
      await Promise.all([
        killing,
        ...Array.from({ length: CREATORS }, (_, w) => creator(w)),
        ...Array.from({ length: UPDATERS }, () => updater()),
      ]);
      none(problems, `round ${round}: refused before the kill`);

      // Storage read directly while no server runs: the row scope's index agrees with a scan,
      // and every stored record is one the test sent (none made from nowhere).
      const before = await readStorage(dataDir, clerk.userId);
      assert.deepEqual(
        before.indexed,
        before.scanned,
        `round ${round}: the index disagrees with a full scan`,
      );

      // Stored, never answered and not logged: the restart's sweep is to log them (ADR 0018).
      const cutCreates = [...before.records.keys()].filter(
        (id) =>
          !keyOfId.has(id) &&
          !(before.audit.get(id) ?? []).some((e) => e.action === 'record.create'),
      );

      // Restart on the same folder.
      server = await startTessera(dataDir);
      assert.match(server.output(), /Sign in as an admin at /, 'no second first admin');
      if ((await request(server.url, 'GET', '/api/auth/me', { session: clerk })).status !== 200) {
        clerk = await signIn(server.url, USERNAME, clerkPassword);
      }
      if ((await request(server.url, 'GET', '/api/auth/me', { session: admin })).status !== 200) {
        admin = await signIn(server.url, 'admin', password);
      }
      // Before any retry: the creates the kill cut off between record and audit entry are logged.
      const cutHistories = await inParallel(cutCreates, 4, (id) =>
        recordHistory(server.url, clerk, id),
      );
      for (const [index, id] of cutCreates.entries()) {
        if (!cutHistories[index]!.some((entry) => entry.action === 'record.create')) {
          unauditedCreates.push(`${id} (round ${round})`);
        } else stats.createsRolledForward++;
      }

      // Every create without an answer is retried with its key: one record each, never two.
      const unanswered = [...creates.values()].filter((create) => !create.answered);
      for (const create of unanswered) {
        const answer = await createOnce(server.url, create);
        stats.retried++;
        if (answer.status !== 201) {
          problems.push(`retry ${create.key}: ${answer.status} ${JSON.stringify(answer.json)}`);
          continue;
        }
        if (answer.headers.get('idempotent-replayed') === 'true') stats.retriedReplayed++;
        else if (before.scanned.includes(answer.json.id as string)) {
          problems.push(`retry ${create.key}: ${answer.json.id} was stored, yet not replayed`);
        }
        acknowledge(create, answer.json as unknown as RecordItem, round, true);
        touched.add(answer.json.id as string);
      }
      none(problems, `round ${round}: retries after the restart`);

      // The API's cursor pages list exactly the acknowledged records, once each.
      const { items, pages } = await listAll<RecordItem>(server.url, PATH, clerk, 37);
      const listed = items.map((item) => item.id);
      const listDiff = difference(listed, tracked.keys());
      assert.deepEqual(
        listDiff,
        { duplicates: [], missing: [], extra: [] },
        `round ${round}: ${listed.length} listed in ${pages} pages, ${tracked.size} acknowledged`,
      );
      const stored = difference(before.scanned, tracked.keys());
      assert.deepEqual(
        stored.extra,
        [],
        `round ${round}: stored before the retries, never answered`,
      );

      // Every acknowledged update is visible: the record is at it, or at a later one sent.
      const appliedUnanswered = new Map<string, number>();
      for (const item of items) {
        const record = tracked.get(item.id)!;
        const seen = versionOf(record.key, item.values.title);
        const where = `round ${round}: ${item.id} (${record.key}) at ${item._rev} shows ${JSON.stringify(item.values)}`;
        if (!(seen >= record.ackedVersion && seen <= record.maxSent)) {
          problems.push(
            `${where}; acknowledged v${record.ackedVersion}, sent up to v${record.maxSent}`,
          );
          continue;
        }
        if (item.values.amount !== `${seen + 1}.00`) problems.push(`${where}: torn values`);
        if (seen === record.ackedVersion && item._rev !== record.ackedRev) {
          problems.push(`${where}: acknowledged ${record.ackedRev}`);
        }
        if (seen > record.ackedVersion) {
          stats.unackedUpdatesApplied++;
          if (generation(item._rev) <= generation(record.ackedRev)) {
            problems.push(`${where}: newer values under an older revision than ${record.ackedRev}`);
          }
          // seen now, so never to go back: the floor of later rounds, though never answered
          appliedUnanswered.set(item.id, seen);
          touched.add(item.id);
          record.ackedVersion = seen;
          record.ackedRev = item._rev;
        }
        record.rev = item._rev;
      }
      none(problems, `round ${round}: acknowledged updates`);

      // The records written this round: one record.create each, one record.update per update
      // answered 200 (an update applied without an answer may or may not have its entry).
      const histories = await inParallel([...touched], 4, (id) =>
        recordHistory(server.url, clerk, id),
      );
      for (const [index, id] of [...touched].entries()) {
        const record = tracked.get(id)!;
        const checked = checkHistory(record, histories[index]!, round);
        problems.push(...checked.problems);
        const applied = appliedUnanswered.get(id);
        if (applied !== undefined && !checked.versions.has(applied)) {
          unauditedUpdates.push(`${id} (${record.key}) v${applied}, round ${round}`);
        }
      }
      none(problems, `round ${round}: audit entries`);
      t.diagnostic(
        `round ${round}: killed after ${Math.round(killAfter)} ms; ${tracked.size} records, ` +
          `${unanswered.length} creates retried, ${touched.size} records touched`,
      );
    }

    // Last: the server stopped, storage read directly holds exactly the acknowledged records,
    // at their last revision seen, each with one create entry and one entry per acknowledged update.
    await server.stop();
    const final = await readStorage(dataDir, clerk.userId);
    assert.deepEqual(final.indexed, final.scanned, 'the index disagrees with a full scan');
    assert.deepEqual(
      difference(final.scanned, tracked.keys()),
      { duplicates: [], missing: [], extra: [] },
      'storage holds exactly the acknowledged records',
    );
    const problems: string[] = [];
    for (const record of tracked.values()) {
      const doc = final.records.get(record.id)!;
      if (doc._rev !== record.rev)
        problems.push(`${record.id}: stored ${doc._rev}, read ${record.rev}`);
      const entries = (final.audit.get(record.id) ?? []).map((entry) => ({
        action: String(entry.action),
        ...(entry.after === undefined ? {} : { after: entry.after as HistoryEntry['after'] }),
      }));
      problems.push(...checkHistory(record, entries, ROUNDS).problems);
    }
    const strays = [...final.audit.keys()].filter(
      (id) => !tracked.has(id) && final.audit.get(id)!.some((entry) => entry.app === APP),
    );
    assert.deepEqual(strays, [], 'audit entries of records that do not exist');
    none(problems, 'the records and their audit log, read from storage');

    const answered = [...creates.values()].filter((create) => create.answered);
    assert.equal(answered.length, creates.size, 'every create was answered in the end');
    t.diagnostic(
      `${ROUNDS} rounds: ${stats.createsSent} creates sent (${stats.createsCut} cut off by the ` +
        `kill), ${stats.retried} retried after a restart (${stats.retriedReplayed} had been ` +
        `stored before the kill), ${tracked.size} records; ${stats.updatesSent} updates sent, ` +
        `${stats.updatesAcked} acknowledged, ${stats.updatesCut} cut off, ` +
        `${stats.unackedUpdatesApplied} of those applied nevertheless`,
    );
    t.diagnostic(
      `${unauditedUpdates.length} updates applied without an answer have no audit entry` +
        (unauditedUpdates.length > 0 ? `: ${unauditedUpdates.join('; ')}` : '') +
        `; ${unauditedCreates.length} creates were stored without one until their retry ` +
        `(${stats.createsRolledForward} cut off by the kill were logged at the restart)`,
    );
    assert.ok(stats.updatesAcked >= ROUNDS, 'the rounds acknowledged updates');
    assert.ok(tracked.size >= ROUNDS, 'the rounds acknowledged creates');
  });

  // The record is written first and its audit entry (and webhook event) appended after, so a
  // kill between the two leaves a stored change not yet in the log: the restart's sweep rolls
  // it forward (ADR 0018), an update for good and a create before its client retries.
  it('logs every stored change, answered or not (the crash above shows any that were not)', () => {
    assert.deepEqual(unauditedUpdates, [], 'updates stored without an audit entry');
    assert.deepEqual(unauditedCreates, [], 'creates stored without an audit entry before a retry');
  });
});

/**
 * What is wrong with one record's history: not exactly one `record.create`, an acknowledged
 * update without its `record.update` entry, two entries for one update, or one for an update
 * never sent. Also answers which update versions the history holds.
 */
function checkHistory(
  record: Tracked,
  history: readonly Pick<HistoryEntry, 'action' | 'after'>[],
  round: number,
): { problems: string[]; versions: Map<number, number> } {
  const problems: string[] = [];
  const where = `round ${round}: ${record.id} (${record.key})`;
  const counts: Record<string, number> = {};
  for (const entry of history) counts[entry.action] = (counts[entry.action] ?? 0) + 1;
  if (counts['record.create'] !== 1) {
    problems.push(`${where}: ${counts['record.create'] ?? 0} record.create entries`);
  }
  const versions = new Map<number, number>();
  for (const entry of history) {
    if (entry.action !== 'record.update') continue;
    const version = versionOf(record.key, entry.after?.values?.title);
    versions.set(version, (versions.get(version) ?? 0) + 1);
  }
  for (const [version, n] of versions) {
    if (n !== 1) problems.push(`${where}: ${n} record.update entries for v${version}`);
    if (!(version >= 1 && version <= record.maxSent)) {
      problems.push(`${where}: a record.update entry for v${version}, never sent`);
    }
  }
  for (const version of record.acked) {
    if (!versions.has(version)) problems.push(`${where}: no record.update entry for v${version}`);
  }
  return { problems, versions };
}
