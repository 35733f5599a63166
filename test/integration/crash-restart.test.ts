/**
 * kill -9 during concurrent writes, for real: a Tessera process on an embedded DATA_DIR is sent
 * SIGKILL at a random moment while creates are in flight, then restarted on the same folder, at
 * least 20 rounds. After every restart each create that was acknowledged (201) is present
 * exactly once, under its acknowledged id, and the index-served lists (the API's cursor pages,
 * and a Mango query read straight from storage) agree with a full scan of the database.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createPouchStorage, type QueryEvent, storageLocationFromEnv } from '@tessera/runtime';
import { listAll, request, type Session, signIn } from './support/api-client.ts';
import { scratchDir, startTessera, stopAll, type TesseraProcess } from './support/processes.ts';

const ROUNDS = 20;
const WORKERS = 4;
/** The kill lands this long after the first create of a round is sent (uniformly random). */
const KILL_WINDOW_MS = [30, 700] as const;

interface Department {
  id: string;
  name: string;
}

/** What storage holds, read directly (the server stopped): full scan and index, compared. */
async function readStorage(dataDir: string) {
  const queries: QueryEvent[] = [];
  const storage = await createPouchStorage({
    ...storageLocationFromEnv({}, dataDir),
    onQuery: (event) => queries.push(event),
  });
  try {
    const scanned: string[] = [];
    for await (const doc of storage.dump()) if (doc.type === 'department') scanned.push(doc._id);
    const indexed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.find<{ name: string }>({
        index: 'by-type-name',
        selector: { type: 'department' },
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      indexed.push(...page.docs.map((doc) => doc._id));
      cursor = page.next;
    } while (cursor);
    const warned = queries.filter((query) => query.warning !== undefined || query.error);
    assert.deepEqual(warned, [], 'every query was served by its index');
    return { scanned: scanned.sort(), indexed: indexed.sort() };
  } finally {
    await storage.close();
  }
}

describe('kill -9 during concurrent creates, then restart', { timeout: 480_000 }, () => {
  after(stopAll);

  it(`keeps every acknowledged create exactly once over ${ROUNDS} rounds`, async (t) => {
    const dataDir = await scratchDir('crash');
    let server: TesseraProcess = await startTessera(dataDir);
    const password = server.adminPassword;
    assert.ok(password, server.output());
    let session: Session = await signIn(server.url, 'admin', password);
    /** name → id of every create answered 201. */
    const acknowledged = new Map<string, string>();
    let sent = 0;
    let refused = 0;
    let killedInFlight = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      // Creates with distinct names from WORKERS clients until the process dies under them.
      let killed = false;
      let counter = 0;
      const url = server.url;
      const worker = async (w: number) => {
        while (!killed) {
          const name = `Round ${round} worker ${w} #${counter++}`;
          sent++;
          try {
            const answer = await request(url, 'POST', '/api/departments', {
              session,
              body: { name },
            });
            if (answer.status === 201) acknowledged.set(name, answer.json.id as string);
            else refused++;
          } catch {
            if (killed)
              killedInFlight++; // no answer: the process died under it
            else throw new Error(`round ${round}: ${name} failed before the kill`);
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
      await Promise.all([killing, ...Array.from({ length: WORKERS }, (_, w) => worker(w))]);

      // Storage read directly while no server runs: the index agrees with a full scan.
      const { scanned, indexed } = await readStorage(dataDir);
      assert.deepEqual(indexed, scanned, `round ${round}: the index disagrees with a full scan`);

      // Restart on the same folder; the API's index-served cursor pages list the same set.
      server = await startTessera(dataDir);
      assert.match(server.output(), /Sign in as an admin at /, 'no second first admin');
      if ((await request(server.url, 'GET', '/api/auth/me', { session })).status !== 200) {
        session = await signIn(server.url, 'admin', password);
      }
      const { items } = await listAll<Department>(server.url, '/api/departments', session, 37);
      const listedIds = items.map((item) => item.id).sort();
      assert.deepEqual(listedIds, scanned, `round ${round}: the API list disagrees with a scan`);
      const byName = new Map<string, string[]>();
      for (const item of items) byName.set(item.name, [...(byName.get(item.name) ?? []), item.id]);
      for (const [name, id] of acknowledged) {
        assert.deepEqual(byName.get(name), [id], `round ${round}: "${name}" is not there once`);
      }
    }

    const { scanned } = await readStorageAfterStop(server, dataDir);
    const unacknowledgedPresent = scanned.length - acknowledged.size;
    t.diagnostic(
      `${ROUNDS} rounds: ${sent} creates sent, ${acknowledged.size} acknowledged and all found once; ` +
        `${scanned.length} departments stored (${unacknowledgedPresent} written but never answered), ` +
        `${killedInFlight} requests cut off by the kill, ${refused} refused`,
    );
    assert.ok(acknowledged.size >= ROUNDS, 'the rounds acknowledged writes');
    assert.ok(unacknowledgedPresent >= 0);
    assert.equal(refused, 0);
  });
});

/** Stops the last server (SIGTERM) and reads its storage once more. */
async function readStorageAfterStop(server: TesseraProcess, dataDir: string) {
  await server.stop();
  return readStorage(dataDir);
}
