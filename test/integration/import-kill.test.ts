/**
 * kill -9 during a table import, for real: a Tessera process on an embedded DATA_DIR imports
 * 3,000 rows into a master table with an auto-number, as a non-admin user through the import
 * route, in files of 500 rows (CSV and .xlsx in turn), each under its own Idempotency-Key. Three
 * times the process is sent SIGKILL at a random moment while a file is being imported, then
 * restarted on the same folder, and the file is sent again with the same key.
 *
 * After each kill (storage read directly): every row of the files answered 200 is stored once,
 * under the id the answer gave; of the cut-off file only its own rows, each at most once. After
 * the restart, before the retry: each stored row has its `record.create` audit entry (rolled
 * forward, ADR 0018). The retry answers every row of the file, replaying exactly the rows stored
 * before the kill under their ids. At the end: 3,000 records, one per row, each with one create
 * entry, distinct auto-numbers, and every idempotency claim of the import complete and pointing
 * at its row's record.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { DumpedDocument } from '@tessera/runtime';
import { crmApp, xlsxOf } from '../../server/test/crm-app.ts';
import { type Answer, request, type Session, signIn } from './support/api-client.ts';
import { scratchDir, startTessera, stopAll, type TesseraProcess } from './support/processes.ts';
import { recordHistory } from './support/records.ts';
import { auditBySubject, countOf, noProblems, storedDocuments } from './support/stored.ts';

const FILES = 6;
const ROWS = 500;
/** The files cut off by a kill (the first is always answered first). */
const KILLED = new Set([2, 4, 6]);
const PASSWORD = 'correct horse battery staple';
const IMPORT = '/api/apps/crm/tables/customer/import?dryRun=false';

interface Outcome {
  created: { row: number; id: string; replayed?: boolean }[];
  failed: { row: number }[];
}

/** Row `r` (spreadsheet row, 2 … ROWS + 1) of file `f`: its name says where it came from. */
const rowName = (f: number, r: number) => `导入 ${f}-${r}`;
const rowOf = (name: unknown) => {
  const match = typeof name === 'string' ? /^导入 (\d+)-(\d+)$/.exec(name) : null;
  return match ? { file: Number(match[1]), row: Number(match[2]) } : undefined;
};
const keyOf = (f: number) => `import-kill-file-${f}`;

/** File `f` as the person would save it: CSV for odd files, .xlsx for even ones. */
async function fileOf(f: number): Promise<{ name: string; bytes: Uint8Array }> {
  const header = ['客户名称', '年营业额', '员工数', '备注'];
  const lines = Array.from({ length: ROWS }, (_, i) => [
    rowName(f, i + 2),
    `${f * 1000 + i}.25`,
    String(i),
    `第 ${f} 个文件`,
  ]);
  if (f % 2 === 0) return { name: `客户-${f}.xlsx`, bytes: await xlsxOf([header, ...lines]) };
  const text = [header, ...lines].map((cells) => cells.join(',')).join('\r\n');
  return { name: `客户-${f}.csv`, bytes: new TextEncoder().encode(text) };
}

/** Posts a file to the import route as a browser's FormData does. */
async function upload(
  base: string,
  as: Session,
  file: { name: string; bytes: Uint8Array },
  key: string,
) {
  const form = new FormData();
  form.append('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
  const response = await fetch(`${base}${IMPORT}`, {
    method: 'POST',
    body: form,
    headers: {
      cookie: `tessera_session=${as.cookie}`,
      origin: new URL(base).origin,
      'x-csrf-token': as.csrf,
      'idempotency-key': key,
    },
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} } as Answer;
}

const ok = (answer: Answer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
  return answer.json;
};

/** The claim document of one row's idempotency key (as the storage adapter names it). */
const claimIdOf = (userId: string, f: number, row: number) =>
  `idem:${createHash('sha256')
    .update(`record:${userId}:crm:customer:${keyOf(f)}#${row}`)
    .digest('hex')}`;

/** The app's records by row, their audit entries, and the import's claims. */
async function readImported(dataDir: string) {
  const docs = await storedDocuments(
    dataDir,
    (doc) =>
      (doc.type === 'record' && doc.app === 'crm') ||
      (doc.type === 'audit' && doc.app === 'crm') ||
      String(doc._id).startsWith('idem:'),
  );
  const byRow = new Map<string, DumpedDocument[]>();
  const strays: string[] = [];
  for (const doc of docs.filter((one) => one.type === 'record')) {
    const at = rowOf((doc.values as Record<string, unknown>).name);
    if (!at) strays.push(doc._id);
    else byRow.set(`${at.file}-${at.row}`, [...(byRow.get(`${at.file}-${at.row}`) ?? []), doc]);
  }
  const claims = new Map(
    docs.filter((doc) => doc._id.startsWith('idem:')).map((doc) => [doc._id, doc]),
  );
  return { byRow, strays, audit: auditBySubject(docs), claims };
}

describe('kill -9 during a table import, then the same import again', { timeout: 600_000 }, () => {
  after(stopAll);

  it(`imports ${FILES * ROWS} rows once each across ${KILLED.size} kills`, async (t) => {
    const dataDir = await scratchDir('import-kill');
    let server: TesseraProcess = await startTessera(dataDir);
    const admin = await signIn(server.url, 'admin', server.adminPassword!);
    ok(
      await request(server.url, 'POST', '/api/apps', { session: admin, body: crmApp() }),
      201,
      'app',
    );
    ok(
      await request(server.url, 'POST', '/api/apps/crm/publish', { session: admin, body: {} }),
      201,
      'publish',
    );
    const made = ok(
      await request(server.url, 'POST', '/api/users', {
        session: admin,
        body: { username: 'importer', password: PASSWORD, roles: ['user'] },
      }),
      201,
      'user',
    );
    ok(
      await request(server.url, 'PUT', '/api/apps/crm/roles', {
        session: admin,
        body: { roles: { sales: { users: [made.id] } }, rows: { customer: { sales: 'all' } } },
      }),
      200,
      'roles',
    );
    let importer = await signIn(server.url, 'importer', PASSWORD);

    /** Every row answered: `file-row` → the record id the import gave it. */
    const answered = new Map<string, string>();
    const acknowledge = (f: number, outcome: Outcome, what: string) => {
      assert.deepEqual(outcome.failed, [], `${what}: rows refused`);
      assert.equal(outcome.created.length, ROWS, `${what}: rows created`);
      for (const { row, id } of outcome.created) {
        const known = answered.get(`${f}-${row}`);
        assert.ok(known === undefined || known === id, `${what}: row ${row} answered twice`);
        answered.set(`${f}-${row}`, id);
      }
    };
    let lastMs = 0;
    let cutWithRows = 0;

    for (let f = 1; f <= FILES; f++) {
      const file = await fileOf(f);
      if (!KILLED.has(f)) {
        const began = Date.now();
        acknowledge(
          f,
          ok(await upload(server.url, importer, file, keyOf(f)), 200, `file ${f}`) as never,
          `file ${f}`,
        );
        lastMs = Date.now() - began;
        continue;
      }
      // cut off somewhere inside the file, going by how long the last whole one took
      const delay = (0.1 + Math.random() * 0.8) * lastMs;
      const victim = server;
      const sent = upload(victim.url, importer, file, keyOf(f)).then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      );
      await new Promise((done) => setTimeout(done, delay));
      await victim.kill9();
      const cut = await sent;
      if ('answer' in cut) {
        // the whole file got through before the kill: it counts as answered
        acknowledge(f, ok(cut.answer, 200, `file ${f}`) as never, `file ${f}`);
      }

      // storage as the kill left it
      const left = await readImported(dataDir);
      const problems: string[] = [...left.strays.map((id) => `${id} is no row of any file`)];
      for (const [where, id] of answered) {
        const docs = left.byRow.get(where) ?? [];
        if (docs.length !== 1 || docs[0]!._id !== id) {
          problems.push(
            `row ${where}, answered as ${id}, is stored as [${docs.map((d) => d._id)}]`,
          );
        }
      }
      const storedOfCut = new Map<number, string>();
      for (const [where, docs] of left.byRow) {
        const [file, row] = where.split('-').map(Number) as [number, number];
        if (docs.length !== 1) problems.push(`row ${where} is stored ${docs.length} times`);
        if (file > f) problems.push(`row ${where} of a file not sent yet`);
        if (file === f) storedOfCut.set(row, docs[0]!._id);
      }
      noProblems(problems, `file ${f}, after the kill`);
      const unlogged = [...storedOfCut.values()].filter(
        (id) => countOf(left.audit.get(id), 'record.create') === 0,
      );
      if (storedOfCut.size > 0 && !('answer' in cut)) cutWithRows++;

      server = await startTessera(dataDir);
      importer = await signIn(server.url, 'importer', PASSWORD);
      // before any retry: what the kill left unlogged was logged by the restart (ADR 0018)
      for (const id of unlogged) {
        const history = await recordHistory(server.url, importer, id);
        assert.equal(
          history.filter((entry) => entry.action === 'record.create').length,
          1,
          `${id} (stored before the kill) has its create entry after the restart`,
        );
      }

      // the same file again, with the same key: every row answered, the stored ones replayed
      const again = ok(
        await upload(server.url, importer, file, keyOf(f)),
        200,
        `file ${f} again`,
      ) as never as Outcome;
      acknowledge(f, again, `file ${f} again`);
      const replayed = new Map(
        again.created.filter((one) => one.replayed).map((one) => [one.row, one.id]),
      );
      if (!('answer' in cut)) {
        assert.deepEqual(
          [...replayed].sort((a, b) => a[0] - b[0]),
          [...storedOfCut].sort((a, b) => a[0] - b[0]),
          `file ${f}: the retry replays exactly the rows stored before the kill`,
        );
      }
      t.diagnostic(
        `file ${f}: killed ${Math.round(delay)} ms in (${'answer' in cut ? 'answered first' : 'cut off'}), ` +
          `${storedOfCut.size} of ${ROWS} rows stored, ${unlogged.length} of them without their ` +
          `audit entry until the restart`,
      );
    }
    await server.stop();

    // storage at the end: one record per row, one create entry each, claims complete
    const end = await readImported(dataDir);
    const problems: string[] = [...end.strays];
    const codes = new Map<unknown, string>();
    for (let f = 1; f <= FILES; f++) {
      for (let row = 2; row <= ROWS + 1; row++) {
        const where = `${f}-${row}`;
        const docs = end.byRow.get(where) ?? [];
        if (docs.length !== 1) {
          problems.push(`row ${where} is stored ${docs.length} times`);
          continue;
        }
        const doc = docs[0]!;
        if (doc._id !== answered.get(where))
          problems.push(`row ${where}: ${doc._id}, answered ${answered.get(where)}`);
        const values = doc.values as Record<string, unknown>;
        if (values.revenue !== `${f * 1000 + row - 2}.25`)
          problems.push(`row ${where}: revenue ${values.revenue}`);
        const code = values.code;
        if (codes.has(code))
          problems.push(`row ${where} and ${codes.get(code)} share the number ${code}`);
        codes.set(code, where);
        const creates = countOf(end.audit.get(doc._id), 'record.create');
        if (creates !== 1) problems.push(`row ${where}: ${creates} record.create entries`);
        const claim = end.claims.get(claimIdOf(importer.userId, f, row));
        if (claim?.target !== doc._id || typeof claim.rev !== 'string') {
          problems.push(
            `row ${where}: claim ${JSON.stringify(claim)}, not completed for ${doc._id}`,
          );
        }
      }
    }
    noProblems(problems, 'storage at the end');
    assert.equal(answered.size, FILES * ROWS);
    assert.ok(cutWithRows >= 1, 'a kill cut a file off after some of its rows were stored');
  });
});
