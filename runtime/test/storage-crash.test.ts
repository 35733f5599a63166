// kill -9 fault test: a child does concurrent idempotent creates on an embedded LevelDB and is
// killed with SIGKILL at random moments; each round retries keys of the round before. After every
// round the database is reopened: every acknowledged create is there exactly once, under the id
// it was acknowledged with, and the index agrees with a full `_all_docs` scan.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { claimId, createPouchStorage } from '../src/index.ts';
import { allDocuments } from './support/raw-pouch.ts';

const fixture = fileURLToPath(new URL('fixtures/idempotent-writer.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
const path = join(root, 'db');
after(() => rmSync(root, { recursive: true, force: true }));

interface Round {
  readonly acks: readonly string[];
  readonly killed: boolean;
  readonly code: number | null;
  readonly errors: string;
}

/** Runs the writer on keys first…first+count-1 and SIGKILLs it `delay` ms after it is ready. */
function round(first: number, count: number, delay: number, beforeReady: boolean): Promise<Round> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture, path, String(first), String(count)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
    });
    const acks: string[] = [];
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () =>
      child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL');
    if (beforeReady) timer = setTimeout(kill, delay);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
      for (const line of lines) {
        if (line === 'ready' && !beforeReady) timer = setTimeout(kill, delay);
        if (line.startsWith('ack ')) acks.push(line.slice(4));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ acks, killed: signal === 'SIGKILL', code, errors: errors.slice(0, 2000) });
    });
  });
}

async function verify(acknowledged: ReadonlyMap<string, string>) {
  const docs = await allDocuments(path);
  const crash = docs.filter((doc) => doc.type === 'crash');
  const byKey = new Map<string, string[]>();
  for (const doc of crash)
    byKey.set(String(doc.key), [...(byKey.get(String(doc.key)) ?? []), doc._id]);
  for (const [key, ids] of byKey)
    assert.equal(ids.length, 1, `key ${key} written ${ids.length} times`);
  const claims = new Map(
    docs.filter((doc) => doc.type === 'idempotency-key').map((doc) => [doc._id, doc]),
  );
  for (const [key, ack] of acknowledged) {
    const [id, rev] = ack.split(' ');
    assert.deepEqual(byKey.get(key), [id], `acknowledged ${key} is missing`);
    const claim = claims.get(await claimId(key));
    assert.equal(claim?.target, id);
    assert.equal(claim?.rev, rev);
  }
  const storage = await createPouchStorage({ kind: 'embedded', path });
  try {
    const indexed: string[] = [];
    let cursor: string | undefined;
    do {
      const query = { index: 'crash-seq', selector: { type: 'crash' }, limit: 500 };
      const page = await storage.find(cursor ? { ...query, cursor } : query);
      indexed.push(...page.docs.map((doc) => doc._id));
      cursor = page.next;
    } while (cursor);
    assert.deepEqual(
      indexed.sort(),
      crash.map((doc) => doc._id).sort(),
      'index and _all_docs differ',
    );
  } finally {
    await storage.close();
  }
}

it('keeps every acknowledged idempotent create exactly once across 24 kill -9 rounds', {
  timeout: 240_000,
}, async () => {
  const acknowledged = new Map<string, string>();
  let kills = 0;
  let rounds = 0;
  // on a loaded machine a round acknowledges fewer creates before its kill: go on (up to 72
  // rounds) until more than 300 were acknowledged, so every run checks as many
  for (let r = 0; r < 24 || (acknowledged.size <= 300 && r < 72); r++) {
    rounds += 1;
    const beforeReady = r % 6 === 5; // some kills land while the database opens
    const result = await round(
      r * 100,
      300,
      Math.random() * (beforeReady ? 400 : 200),
      beforeReady,
    );
    assert.ok(
      result.killed || result.code === 0,
      `round ${r}: the writer failed (exit ${result.code}): ${result.errors}`,
    );
    if (result.killed) kills++;
    for (const ack of result.acks) {
      const [key, id, rev] = ack.split(' ');
      assert.ok(key && id && rev, `round ${r}: bad line "${ack}"`);
      const earlier = acknowledged.get(key);
      if (earlier) assert.equal(`${id} ${rev}`, earlier, `round ${r}: ${key} answered differently`);
      acknowledged.set(key, `${id} ${rev}`);
    }
    await verify(acknowledged);
  }
  assert.ok(
    kills >= Math.floor(rounds * 0.8),
    `only ${kills} of ${rounds} rounds were killed mid-way`,
  );
  assert.ok(acknowledged.size > 300, `only ${acknowledged.size} creates were acknowledged`);
});
