/**
 * kill -9 during a pack upgrade, for real: a pack installed with 1,500 demo records is upgraded
 * three times by `tessera pack upgrade FILE` (each version migrates every record: a rename and
 * a field set from the value before, so a step run twice or skipped shows), and each upgrade is
 * sent SIGKILL at a random moment while it migrates. Then the same upgrade is run again (twice
 * with the CLI, whose recovery resumes it; once by starting the server on the folder).
 *
 * After the kill: the new version is not live yet and every record is whole, in the old shape
 * or the new one. After the retry: the upgrade is done once — every record at the new version
 * with exactly the values the migration path gives, one `record.update` audit entry per record
 * and upgrade (a record migrated just before the kill included), one version document per
 * upgrade, the journal installed with one history line per upgrade.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DumpedDocument } from '@tessera/runtime';
import { writePackFile } from './support/big-contract-pack.ts';
import { LEDGER_APP as APP, ledgerIndex, ledgerPack, ledgerValues } from './support/ledger-pack.ts';
import { scratchDir, startTessera, stopAll } from './support/processes.ts';
import {
  auditBySubject,
  countOf,
  noProblems,
  runCli,
  stopCli,
  storedDocuments,
  tesseraCli,
} from './support/stored.ts';

/** Demo records: 1,500 keep a round well under a minute on a loaded 2-core machine. */
const RECORDS = 1_500;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Resolves true once the database's log grows (documents are being written), false at `stop`. */
async function nextWrites(dbDir: string, stop: () => boolean): Promise<boolean> {
  const logged = () =>
    readdirSync(dbDir)
      .filter((name) => name.endsWith('.log'))
      .reduce(
        (sum, name) => sum + (statSync(join(dbDir, name), { throwIfNoEntry: false })?.size ?? 0),
        0,
      );
  let last = logged();
  while (!stop()) {
    await pause(5);
    const now = logged();
    if (now > last) return true;
    last = now;
  }
  return false;
}

/** The app's records, journal, app document, versions and audit log, read from the folder. */
async function readLedger(dataDir: string) {
  const docs = await storedDocuments(
    dataDir,
    (doc) =>
      doc.app === APP ||
      doc.type === 'audit' ||
      doc._id === `packinstall:${APP}` ||
      doc._id === `app:${APP}`,
  );
  const records = docs.filter((doc) => doc.type === 'record');
  return {
    records,
    journal: docs.find((doc) => doc._id === `packinstall:${APP}`) as DumpedDocument,
    app: docs.find((doc) => doc._id === `app:${APP}`) as DumpedDocument,
    versions: docs.filter((doc) => doc.type === 'appversion').map((doc) => Number(doc.version)),
    audit: auditBySubject(docs),
    packAudit: docs.filter((doc) => doc.type === 'audit' && doc.subject === `packinstall:${APP}`),
  };
}

/** Every record whole at its own version; the counts of records at `major` and below it. */
function wholeRecords(records: readonly DumpedDocument[], major: number, where: string) {
  const problems: string[] = [];
  let migrated = 0;
  for (const doc of records) {
    const at = Number(doc.appVersion);
    if (at === major) migrated++;
    else if (at !== major - 1) problems.push(`${where}: ${doc._id} at version ${at}`);
    const want = ledgerValues(ledgerIndex(doc._id), at);
    if (JSON.stringify(doc.values) !== JSON.stringify(want)) {
      problems.push(
        `${where}: ${doc._id} at v${at} holds ${JSON.stringify(doc.values)}, not ${JSON.stringify(want)}`,
      );
    }
  }
  noProblems(problems, `${where}: records`);
  return { migrated, old: records.length - migrated };
}

/** Each record: one create entry, and one update entry for each upgrade up to `major`. */
function auditedOnce(ledger: Awaited<ReturnType<typeof readLedger>>, major: number, where: string) {
  const problems: string[] = [];
  for (const doc of ledger.records) {
    const entries = ledger.audit.get(doc._id) ?? [];
    if (countOf(entries, 'record.create') !== 1) {
      problems.push(`${where}: ${doc._id} has ${countOf(entries, 'record.create')} create entries`);
    }
    for (let version = 2; version <= major; version++) {
      const of = entries.filter(
        (entry) =>
          entry.action === 'record.update' &&
          (entry.after as { appVersion?: number } | undefined)?.appVersion === version,
      );
      if (of.length !== 1) {
        problems.push(
          `${where}: ${doc._id} has ${of.length} update entries for version ${version}`,
        );
      }
    }
    const updates = countOf(entries, 'record.update');
    if (updates !== major - 1) problems.push(`${where}: ${doc._id} has ${updates} update entries`);
  }
  noProblems(problems, `${where}: audit entries of the records`);
}

describe('kill -9 during a pack upgrade', { timeout: 600_000 }, () => {
  after(async () => {
    await stopCli();
    await stopAll();
  });

  it('finishes every interrupted upgrade once, each record migrated and audited once', async (t) => {
    const dir = await scratchDir('upgrade-kill');
    const dataDir = join(dir, 'data');
    const files = [1, 2, 3, 4].map((major) => writePackFile(dir, ledgerPack(major, RECORDS)));
    const installed = await runCli(dataDir, ['pack', 'install', files[0]!]);
    assert.equal(installed.code, 0, installed.out);
    const start = await readLedger(dataDir);
    assert.equal(start.records.length, RECORDS);
    auditedOnce(start, 1, 'installed');

    /** Records per millisecond, from the rounds so far (a first guess before any). */
    let rate = RECORDS / 4_000;
    let interrupted = 0;
    let cutBeforeAudit = 0;
    for (const major of [2, 3, 4]) {
      const where = `upgrade to ${major}.0.0`;
      const upgrade = tesseraCli(dataDir, ['pack', 'upgrade', files[major - 1]!]);
      // the journal is at its migrate step: after a random part of the expected migration, the
      // kill lands while records are being written (the database's log grows), a little after
      const delay = (0.05 + Math.random() * 0.5) * (RECORDS / rate);
      /** From the migrate line to the kill: how long this migration ran. */
      let ran = 0;
      /** When the migrate line came (0 before it). */
      let began = 0;
      const killed = await new Promise<boolean>((done) => {
        const watch = () => {
          if (!/^migrate 0 \/ \d+/m.test(upgrade.out())) return;
          upgrade.stderr?.off('data', watch);
          began = Date.now();
          const timer = setTimeout(async () => {
            const writing = join(dataDir, 'pouchdb/tessera');
            if (await nextWrites(writing, () => upgrade.exitCode !== null)) {
              await pause(Math.random() * 60);
            }
            ran = Date.now() - began;
            done(upgrade.kill('SIGKILL'));
          }, delay);
          upgrade.once('exit', () => clearTimeout(timer));
        };
        upgrade.stderr?.on('data', watch);
        upgrade.once('exit', () => done(false));
      });
      await new Promise((done) =>
        upgrade.exitCode === null ? upgrade.once('exit', done) : done(0),
      );
      // a migration quicker than expected may end first: then the round is not interrupted
      if (!killed) assert.match(upgrade.out(), /Installed kill-ledger/, upgrade.out());

      const cut = await readLedger(dataDir);
      const { migrated } = wholeRecords(cut.records, major, `${where}, after the kill`);
      assert.equal(cut.records.length, RECORDS, `${where}: records after the kill`);
      if (cut.journal.state === 'upgrading') {
        interrupted++;
        assert.equal(cut.app.latestVersion, major - 1, `${where}: not live before it is done`);
        if (migrated >= RECORDS / 20) rate = migrated / ran;
      } else if (began > 0) {
        // it ended before the kill: at most this long for the whole table, aim sooner next time
        rate = Math.max(rate, RECORDS / Math.max(1, Date.now() - began));
      }
      // migrated, but killed before its audit entry was written: the retry must log it
      const unlogged = cut.records.filter(
        (doc) =>
          doc.appVersion === major &&
          !(cut.audit.get(doc._id) ?? []).some(
            (entry) => (entry.after as { appVersion?: number } | undefined)?.appVersion === major,
          ),
      );
      cutBeforeAudit += unlogged.length;
      t.diagnostic(
        `${where}: ${killed ? `killed ${ran} ms into the migration` : 'not killed'}, ${migrated} of ${RECORDS} ` +
          `records migrated (${unlogged.length} without their audit entry), journal ` +
          `${String(cut.journal.state)} at ${String(cut.journal.step)}`,
      );

      if (major < 4) {
        // the same upgrade again: its recovery finishes the interrupted one, and says so (exit
        // 0); an upgrade that had ended before the kill is refused as not newer
        const again = await runCli(dataDir, ['pack', 'upgrade', files[major - 1]!]);
        if (cut.journal.state === 'upgrading') {
          assert.match(again.out, /Finished the interrupted pack operation of app "kill_ledger"/);
          assert.match(again.out, new RegExp(`Upgraded kill-ledger to ${major}\\.0\\.0`));
          assert.equal(again.code, 0, again.out);
        } else assert.match(again.out, /is not newer/, again.out);
      } else {
        // the server starting on the folder finishes it
        const server = await startTessera(dataDir);
        if (cut.journal.state === 'upgrading') {
          assert.match(
            server.output(),
            /Finished the interrupted pack operation of app "kill_ledger"/,
          );
        }
        await server.stop();
      }

      const done = await readLedger(dataDir);
      assert.equal(done.journal.state, 'installed', `${where}: ${JSON.stringify(done.journal)}`);
      assert.equal(done.journal.version, `${major}.0.0`);
      assert.equal(done.journal.appVersion, major);
      assert.equal(done.app.latestVersion, major);
      assert.deepEqual(
        (done.journal.history as { action: string; version: string }[]).map(
          (one) => `${one.action} ${one.version}`,
        ),
        ['install 1.0.0', ...[2, 3, 4].filter((m) => m <= major).map((m) => `upgrade ${m}.0.0`)],
      );
      assert.deepEqual(
        done.versions.sort((a, b) => a - b),
        Array.from({ length: major }, (_, i) => i + 1),
        `${where}: one version document per version`,
      );
      assert.equal(done.records.length, RECORDS, `${where}: records afterwards`);
      assert.equal(wholeRecords(done.records, major, where).migrated, RECORDS);
      auditedOnce(done, major, where);
      assert.equal(
        done.packAudit.filter((entry) => entry.action === 'pack.upgrade').length,
        major - 1,
        `${where}: one pack.upgrade entry per upgrade`,
      );
    }
    t.diagnostic(`${cutBeforeAudit} records were cut off between their migration and its entry`);
    assert.ok(interrupted >= 2, `only ${interrupted} of 3 upgrades were cut off mid-way`);
  });
});
