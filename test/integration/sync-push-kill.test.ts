/**
 * kill -9 during offline sync pushes, for real: three people send their outboxes through
 * `POST /api/sync/push` to one Tessera process over a CouchDB-protocol server (pouchdb-server,
 * where no write of several documents is atomic), in batches of ten — alice new expense items
 * (`start`) and new budget lines (`create`), her department head approvals, the finance clerk
 * approvals whose guarded write-back deducts from one budget line. Three times the process is
 * sent SIGKILL at a random moment while batches are being applied, restarted (same DATA_DIR,
 * same database), and every batch that got no answer is sent again with the same command ids.
 *
 * After each retry: every command is `applied`; each item stands where the commands applied to
 * it put it (running at the head, at finance, or approved), each person's todo box holds
 * exactly the tasks open for them, and once nothing is owed the budget line's `used` is the sum
 * of the approved amounts. At the end, read from storage: one record per start and per create,
 * each with one `record.create` entry and (for items) one instance; every task's inbox entry in
 * the box its status gives; nothing owed; one `record.update` entry on the line per write-back.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { DumpedDocument } from '@tessera/runtime';
import { type Answer, listAll, request, type Session } from './support/api-client.ts';
import {
  scratchDir,
  startPouchServer,
  startTessera,
  stopAll,
  type TesseraProcess,
} from './support/processes.ts';
import {
  ok,
  SPEND_PEOPLE,
  type SpendPerson,
  setUpSpend,
  signInSpend,
} from './support/spend-world.ts';
import { auditBySubject, countOf, noProblems, storedDocuments } from './support/stored.ts';

const ROUNDS = 3;
const BATCH = 10;
const PEOPLE = SPEND_PEOPLE;
type Person = SpendPerson;
type Stage = 'head' | 'finance' | 'approved';

type Command = Record<string, unknown> & { id: string; kind: string };
interface Batch {
  readonly by: Person;
  readonly commands: Command[];
}
interface Result {
  id: string;
  status: string;
  result?: { id: string };
  error?: unknown;
}
interface Item {
  readonly title: string;
  readonly cents: number;
  stage: Stage;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const money = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Inbox boxes by task status (as the flow store projects them). */
const BOX_OF: Readonly<Record<string, string>> = {
  open: 'todo',
  waiting: 'todo',
  submitted: 'done',
  approved: 'done',
  rejected: 'done',
  returned: 'done',
  transferred: 'done',
  cancelled: 'cancelled',
  unread: 'cc',
  read: 'cc',
};

describe('kill -9 during offline sync pushes, then the same outboxes again', {
  timeout: 600_000,
}, () => {
  after(stopAll);

  it(`applies every outbox command once across ${ROUNDS} kills`, async (t) => {
    const couch = await startPouchServer();
    const env = { COUCHDB_URL: couch.url, COUCHDB_DATABASE: 'tessera-sync-kill' };
    const dataDir = await scratchDir('sync-kill');
    let server: TesseraProcess = await startTessera(dataDir, env);
    await setUpSpend(server.url, server.adminPassword!);
    const people = {} as Record<Person, Session>;
    const signInAll = async () => {
      Object.assign(people, await signInSpend(server.url));
    };
    await signInAll();
    const line = String(
      ok(
        await request(server.url, 'POST', '/api/apps/spend/tables/budget/records', {
          session: people.fin,
          body: {
            values: { name: '差旅', total: '1000000.00', used: '0.00', remaining: '1000000.00' },
          },
        }),
        201,
        'line',
      ).id,
    );

    // what the test knows: items by id, budget lines created, the open tasks to approve
    const items = new Map<string, Item>();
    const itemByTitle = new Map<string, string>();
    const lines = new Map<string, string>(); // name → id
    const pools: Record<'boss' | 'fin', { item: string; task: string }[]> = { boss: [], fin: [] };
    let made = 0;
    const stats = { sent: 0, answered: 0, retried: 0 };

    const nextBatch = (by: Person): Batch | undefined => {
      if (by === 'alice') {
        const commands: Command[] = [];
        for (let i = 0; i < BATCH; i++) {
          made++;
          commands.push(
            i % 2 === 0
              ? {
                  id: randomUUID(),
                  kind: 'start',
                  app: 'spend',
                  flow: 'expense',
                  values: { title: `离线 ${made}`, amount: money(100 + made), budgetLine: line },
                }
              : {
                  id: randomUUID(),
                  kind: 'create',
                  app: 'spend',
                  table: 'budget',
                  values: { name: `离线台账 ${made}`, total: '1.00' },
                },
          );
        }
        return { by, commands };
      }
      const taken = pools[by].splice(0, BATCH);
      if (taken.length === 0) return undefined;
      return {
        by,
        commands: taken.map(({ item, task }) => ({
          id: randomUUID(),
          kind: 'command',
          item,
          command: { type: 'approve', task, opinion: `${by} 离线同意` },
        })),
      };
    };

    /** Takes in one answered batch: every command applied, and what it did. */
    const take = (batch: Batch, results: Result[], what: string) => {
      assert.deepEqual(
        results.map((one) => one.id),
        batch.commands.map((one) => one.id),
        `${what}: one result per command, in order`,
      );
      const refused = results.filter((one) => one.status !== 'applied');
      assert.deepEqual(refused, [], `${what}: every command applied`);
      for (const [index, { result }] of results.entries()) {
        const command = batch.commands[index]!;
        const values = command.values as Record<string, string> | undefined;
        if (command.kind === 'start') {
          const known = itemByTitle.get(values!.title!);
          assert.ok(known === undefined || known === result!.id, `${values!.title} started twice`);
          itemByTitle.set(values!.title!, result!.id);
          const cents = Math.round(Number(values!.amount) * 100);
          if (!known) items.set(result!.id, { title: values!.title!, cents, stage: 'head' });
        } else if (command.kind === 'create') {
          const known = lines.get(values!.name!);
          assert.ok(known === undefined || known === result!.id, `${values!.name} created twice`);
          lines.set(values!.name!, result!.id);
        } else {
          const item = items.get(String(command.item))!;
          item.stage = batch.by === 'boss' ? 'finance' : 'approved';
        }
      }
    };

    const push = (base: string, batch: Batch) =>
      request(base, 'POST', '/api/sync/push', {
        session: people[batch.by],
        body: { commands: batch.commands },
      });

    /** The open tasks in a person's todo box: must be exactly those of items at `stage`. */
    const todo = async (who: 'boss' | 'fin', stage: Stage, what: string) => {
      const { items: entries } = await listAll<{ task: string; instance: string; node: string }>(
        server.url,
        '/api/inbox?box=todo',
        people[who],
        200,
      );
      const want = [...items].filter(([, item]) => item.stage === stage).map(([id]) => id);
      assert.deepEqual(
        entries.map((entry) => entry.instance).sort(),
        want.sort(),
        `${what}: ${who}'s todo box holds exactly the items at ${stage}`,
      );
      return entries.map((entry) => ({ item: entry.instance, task: entry.task }));
    };

    /** Waits (bounded) until the line's `used` is the approved amounts' sum: nothing owed. */
    const settled = async (what: string) => {
      const want = [...items.values()]
        .filter((item) => item.stage === 'approved')
        .reduce((sum, item) => sum + item.cents, 0);
      let used = '';
      for (let tries = 0; tries < 60; tries++) {
        const read = ok(
          await request(server.url, 'GET', `/api/apps/spend/tables/budget/records/${line}`, {
            session: people.fin,
          }),
          200,
          'line',
        );
        used = String((read.values as Record<string, unknown>).used);
        if (Math.round(Number(used) * 100) === want) return;
        await pause(1000);
      }
      assert.fail(
        `${what}: the line's used is ${used}, the approved amounts add up to ${money(want)}`,
      );
    };

    /** Every item stands where its commands put it (read as the finance clerk sees it). */
    const standing = async (what: string) => {
      const problems: string[] = [];
      for (const [id, item] of items) {
        const view = ok(
          await request(server.url, 'GET', `/api/flow-items/${id}`, { session: people.fin }),
          200,
          id,
        ) as { status: string; tasks: { node: string; status: string; kind: string }[] };
        const open = view.tasks
          .filter((task) => task.status === 'open' && task.kind !== 'cc')
          .map((task) => task.node);
        const want = item.stage === 'approved' ? [] : [item.stage];
        const status = item.stage === 'approved' ? 'approved' : 'running';
        if (view.status !== status || JSON.stringify(open) !== JSON.stringify(want)) {
          problems.push(
            `${item.title} (${id}): ${view.status} open at [${open}], want ${item.stage}`,
          );
        }
      }
      noProblems(problems, `${what}: items`);
    };

    // before the first kill: items at the head and at finance, all answered
    for (let i = 0; i < 12; i++) {
      const batch = nextBatch('alice')!;
      take(batch, ok(await push(server.url, batch), 200, 'push').results as Result[], 'setup');
    }
    pools.boss = await todo('boss', 'head', 'setup');
    for (let i = 0; i < 3; i++) {
      const batch = nextBatch('boss')!;
      take(batch, ok(await push(server.url, batch), 200, 'push').results as Result[], 'setup');
    }
    pools.boss = await todo('boss', 'head', 'setup');
    pools.fin = await todo('fin', 'finance', 'setup');

    for (let round = 1; round <= ROUNDS; round++) {
      const victim = server;
      const unanswered: Batch[] = [];
      const answeredMs: number[] = [];
      let killed = false;
      const firsts = new Set<Person>();
      let allAnswered: () => void = () => {};
      const someAnswered = new Promise<void>((done) => (allAnswered = done));
      const person = async (by: Person) => {
        for (;;) {
          const batch = killed ? undefined : nextBatch(by);
          if (!batch) break;
          stats.sent++;
          const began = Date.now();
          let answer: Answer;
          try {
            answer = await push(victim.url, batch);
          } catch (error) {
            if (!killed) throw new Error(`round ${round}: a push failed before the kill: ${error}`);
            unanswered.push(batch);
            break;
          }
          take(batch, ok(answer, 200, 'push').results as Result[], `round ${round}, ${by}`);
          stats.answered++;
          answeredMs.push(Date.now() - began);
          firsts.add(by);
          if (firsts.size === PEOPLE.length) allAnswered();
        }
        // a person whose pool ran dry counts as having had their say
        firsts.add(by);
        if (firsts.size === PEOPLE.length) allAnswered();
      };
      const killing = (async () => {
        await someAnswered;
        const typical = answeredMs.reduce((a, b) => a + b, 0) / answeredMs.length;
        const delay = Math.random() * 1.5 * typical;
        await pause(delay);
        killed = true;
        await victim.kill9();
        return delay;
      })();
      const [delay] = await Promise.all([killing, ...PEOPLE.map(person)]);

      // storage as the kill left it: item records without an instance, and which of the
      // commands without an answer had been applied before the kill
      const left = await storedDocuments(
        dataDir,
        (doc) => (doc.type === 'record' && doc.app === 'spend') || doc.type === 'flowinstance',
        env,
      );
      const instances = new Map(
        left.filter((doc) => doc.type === 'flowinstance').map((doc) => [doc._id, doc]),
      );
      const recorded = new Set([...instances.values()].map((doc) => doc.record));
      const orphans = left.filter(
        (doc) => doc.type === 'record' && doc.table === 'expense' && !recorded.has(doc._id),
      );
      const names = new Set(
        left
          .filter((doc) => doc.type === 'record')
          .map((doc) => {
            const values = doc.values as Record<string, unknown>;
            return String(values.title ?? values.name);
          }),
      );
      const appliedBefore = (command: Command) => {
        const values = command.values as Record<string, string> | undefined;
        if (command.kind === 'start') return names.has(values!.title!);
        if (command.kind === 'create') return names.has(values!.name!);
        const task = (command.command as { task: string }).task;
        const tasks = instances.get(`flowinstance:${String(command.item)}`)?.tasks as
          | { id: string; status: string }[]
          | undefined;
        return tasks?.find((one) => one.id === task)?.status !== 'open';
      };
      const cutMidway = unanswered.filter((batch) => {
        const applied = batch.commands.filter(appliedBefore).length;
        return applied > 0 && applied < batch.commands.length;
      }).length;

      server = await startTessera(dataDir, env);
      if (
        (await request(server.url, 'GET', '/api/auth/me', { session: people.alice })).status !== 200
      ) {
        await signInAll();
      }
      // every batch without an answer goes again, as the browser's outbox sends it
      for (const batch of unanswered) {
        stats.retried++;
        const results = ok(await push(server.url, batch), 200, 'retry').results as Result[];
        take(batch, results, `round ${round}, ${batch.by}'s batch again`);
      }
      await standing(`round ${round}`);
      await settled(`round ${round}`);
      pools.boss = await todo('boss', 'head', `round ${round}`);
      pools.fin = await todo('fin', 'finance', `round ${round}`);
      t.diagnostic(
        `round ${round}: killed ${Math.round(delay)} ms after every outbox had an answer; ` +
          `${unanswered.length} batches sent again (${cutMidway} cut off part-way); ` +
          `${orphans.length} item records without their instance until then`,
      );
    }
    await server.stop();

    // storage at the end
    const docs = await storedDocuments(
      dataDir,
      (doc) =>
        doc.app === 'spend' &&
        ['record', 'flowinstance', 'inbox', 'audit'].includes(String(doc.type)),
      env,
    );
    const audit = auditBySubject(docs);
    const problems: string[] = [];
    const records = docs.filter((doc) => doc.type === 'record');
    const instances = docs.filter((doc) => doc.type === 'flowinstance');
    const inbox = new Map(docs.filter((doc) => doc.type === 'inbox').map((doc) => [doc._id, doc]));
    const byValue = (table: string, field: string) => {
      const found = new Map<string, DumpedDocument[]>();
      for (const doc of records.filter((one) => one.table === table)) {
        const key = String((doc.values as Record<string, unknown>)[field]);
        found.set(key, [...(found.get(key) ?? []), doc]);
      }
      return found;
    };
    const expenses = byValue('expense', 'title');
    for (const [title, id] of itemByTitle) {
      const stored = expenses.get(title) ?? [];
      if (stored.length !== 1) problems.push(`${title}: ${stored.length} records`);
      const mine = instances.filter((doc) => doc.record === `record:${id}`);
      if (mine.length !== 1) problems.push(`${title}: ${mine.length} instances`);
    }
    if (expenses.size !== itemByTitle.size) problems.push(`${expenses.size} item records stored`);
    const budgets = byValue('budget', 'name');
    for (const [name, id] of lines) {
      const stored = budgets.get(name) ?? [];
      if (stored.length !== 1 || stored[0]!._id !== id)
        problems.push(`${name}: ${stored.length} records`);
    }
    if (budgets.size !== lines.size + 1) problems.push(`${budgets.size} budget records stored`);
    for (const doc of records) {
      const creates = countOf(audit.get(doc._id), 'record.create');
      if (creates !== 1) problems.push(`${doc._id}: ${creates} record.create entries`);
    }
    for (const doc of instances) {
      if (doc.owes || (doc.owed as unknown[]).length > 0) problems.push(`${doc._id} still owes`);
      for (const task of doc.tasks as { id: string; status: string; assignee: string }[]) {
        const entry = inbox.get(`inbox:${task.id}`);
        if (entry?.box !== BOX_OF[task.status] || entry?.user !== task.assignee) {
          problems.push(`${doc._id}: task ${task.id} is ${task.status}, its entry ${entry?.box}`);
        }
      }
      const submitted = inbox.get(
        `inbox:${String(doc._id).slice('flowinstance:'.length)}:submitted`,
      );
      if (submitted?.status !== doc.status) {
        problems.push(`${doc._id} is ${doc.status}, its submitted entry ${submitted?.status}`);
      }
    }
    const approved = [...items.values()].filter((item) => item.stage === 'approved').length;
    // each write-back changes the line's values once; an entry the start-up recovery wrote for
    // a revision that only held or released a reservation (values as before) is no write-back
    const entries = [...(audit.get(line) ?? [])].sort((a, b) =>
      String(a._id).localeCompare(String(b._id)),
    );
    const valuesOf = (entry: DumpedDocument) =>
      JSON.stringify((entry.after as { values?: unknown } | undefined)?.values ?? null);
    const writeBacks = entries.filter(
      (entry, index) =>
        entry.action === 'record.update' &&
        (entry.recovered !== true ||
          index === 0 ||
          valuesOf(entry) !== valuesOf(entries[index - 1]!)),
    ).length;
    if (writeBacks !== approved) {
      problems.push(`the line has ${writeBacks} record.update entries for ${approved} write-backs`);
    }
    noProblems(problems, 'storage at the end');
    t.diagnostic(
      `${stats.sent} batches sent, ${stats.answered} answered, ${stats.retried} sent again; ` +
        `${items.size} items (${approved} approved), ${lines.size} budget lines created`,
    );
    assert.ok(approved > 0 && stats.retried > 0);
  });
});
