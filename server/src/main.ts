import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPlatform } from '@tessera/core';
import { storageFromEnv } from '@tessera/runtime';
import { ensureFirstAdmin } from './accounts/first-admin.ts';
import { sweepEndedSessions } from './accounts/sessions.ts';
import { createApp } from './create-app.ts';
import { createFileSweeper } from './files/sweep-unattached-files.ts';
import type { FlowService } from './flows/flow-service.ts';
import { createFlowTimers } from './flows/flow-timers.ts';
import { createOwedSweeper } from './flows/owed-sweeper.ts';
import { finishDepartmentMoves } from './organisation/department-moves.ts';
import type { PackService } from './packs/pack-service.ts';
import { INSTALLED_PLUGINS } from './platform/installed-plugins.ts';
import { rollForwardAudits } from './records/audit-roll-forward.ts';
import { createInFlightWrites } from './records/in-flight-writes.ts';
import type { ReminderSweeper } from './reminders/reminder-sweeper.ts';
import { auditedThroughMark, openInstanceSettings } from './settings/instance-settings.ts';
import { readServerEnv } from './settings/server-env.ts';
import { ensureStorageIndexes } from './storage/storage-indexes.ts';
import { createDispatcher } from './webhooks/dispatcher.ts';
import { createEventPublisher } from './webhooks/event-publisher.ts';
import { ensureWebhookRegistry } from './webhooks/webhook-registry.ts';
import { webhooksContext } from './webhooks/webhooks-context.ts';

/** How long the start waits for the audit roll-forward before listening anyway. */
const RECOVERY_WAIT_MS = 5000;

/**
 * Starts Tessera: `HOST`, `PORT` (0 = any free port) and `DATA_DIR` from the environment; shared
 * data embedded under `DATA_DIR/pouchdb`, or in CouchDB when `COUCHDB_URL` is set.
 */
async function main(): Promise<void> {
  const env = readServerEnv(process.env);
  const settings = await openInstanceSettings(
    env.dataDir,
    INSTALLED_PLUGINS.map((plugin) => plugin.name),
  );
  for (const name of settings.enabledPlugins) {
    if (!INSTALLED_PLUGINS.some((plugin) => plugin.name === name)) {
      console.error(`warning: enabled plugin "${name}" is not installed in this build; skipped`);
    }
  }
  const platform = createPlatform({
    plugins: INSTALLED_PLUGINS.filter((plugin) => settings.enabledPlugins.includes(plugin.name)),
  });

  const storage = await storageFromEnv(process.env, env.dataDir);
  const context = { storage, now: Date.now };
  await ensureStorageIndexes(storage); // every index the queries name, before the first query
  await ensureWebhookRegistry(storage); // lets an installation without webhooks skip their queries
  await finishDepartmentMoves(context); // a move a crash left half done
  await sweepEndedSessions(context);
  const firstAdmin = await ensureFirstAdmin(context);
  const upload = env.maxUploadBytes === undefined ? {} : { maxUploadBytes: env.maxUploadBytes };
  const webhooks = { allowPrivate: env.webhooksAllowPrivate };
  // record changes a crash left unaudited, since this node last knew all logged (ADR 0018)
  const inFlight = createInFlightWrites(Date.now);
  const events = createEventPublisher(webhooksContext(context, webhooks));
  const audits = await rollForwardAudits(
    { ...context, events },
    settings,
    await auditedThroughMark(env.dataDir),
    inFlight,
  );
  const recovering = audits.recovered.then(
    (recovered) => {
      if (recovered > 0) {
        console.log(
          `Recovered ${recovered} audit entries of record changes interrupted by a crash`,
        );
      }
    },
    (error: unknown) => console.error(`rolling forward audit entries failed: ${String(error)}`),
  );
  // the usual sweep (a few minutes of writes) ends before listening; one that first has to index
  // a large database goes on in the background rather than hold the start up
  await Promise.race([
    recovering,
    new Promise((done) => setTimeout(done, RECOVERY_WAIT_MS).unref()),
  ]);
  let flowServices:
    | {
        readonly flows: FlowService;
        readonly reminders: ReminderSweeper;
        readonly packs: PackService;
      }
    | undefined;
  const app = createApp({
    platform,
    storage,
    trustedOrigins: env.trustedOrigins,
    webhooks,
    inFlight,
    ...upload,
    packs: { instanceId: settings.instanceId },
    onServices: (services) => {
      flowServices = services;
    },
  });
  // fires flow timers (timer nodes, reminders, overdue marks); each is claimed by one server
  // a pack install, upgrade or removal a crash interrupted is rolled back or carried on
  const packRecovery = await flowServices!.packs.recover();
  for (const app of packRecovery.rolledBack)
    console.log(`Rolled back the interrupted install of app "${app}"`);
  for (const app of packRecovery.resumed)
    console.log(`Finished the interrupted pack operation of app "${app}"`);
  for (const { app, reason } of packRecovery.failed)
    console.error(`Could not recover the pack operation of app "${app}": ${reason}`);
  const flowTimers = createFlowTimers({
    storage,
    now: Date.now,
    instanceId: settings.instanceId,
    flows: flowServices!.flows,
  });
  // effects committed commands still owe (a write-back that lost its races, a crash between a
  // commit and its effects): rolled forward now and every 30 s, by one server at a time
  const owedSweeper = createOwedSweeper({
    storage,
    now: Date.now,
    instanceId: settings.instanceId,
    flows: flowServices!.flows,
  });
  // sends the webhook outbox; several servers share it, each delivery is claimed by one
  const dispatcher = createDispatcher({
    storage,
    now: Date.now,
    instanceId: settings.instanceId,
    ...webhooks,
  });
  const fileSweeper = createFileSweeper(context, {
    onRemoved: (removed) => console.log(`Removed ${removed} unattached uploads older than a day`),
    onError: (error) => console.error(`sweeping unattached uploads failed: ${String(error)}`),
  });

  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
    const host = info.family === 'IPv6' || env.host.includes(':') ? `[${env.host}]` : env.host;
    const url = `http://${host}:${(info as AddressInfo).port}/`;
    console.log(`Tessera is running at ${url}`);
    dispatcher.start();
    flowTimers.start();
    owedSweeper.start();
    flowServices!.reminders.start(); // record reminders (数据提醒), every minute
    audits.start();
    // uploads no record referred to within a day, now and hourly, in the background; harmless
    // when several servers sweep at once
    fileSweeper.start();
    console.log(
      firstAdmin.created
        ? `Admin login: ${firstAdmin.username} / ${firstAdmin.password}  (shown once — change it after signing in)`
        : `Sign in as an admin at ${url}api/reference (the first admin's password was shown at first start)`,
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`Tessera cannot listen on ${env.host}:${env.port}: ${error.message}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = () => {
    // a second signal (Ctrl-C reaches npm and the server both) must not cut the shutdown short
    if (stopping) return;
    stopping = true;
    // no new batch or sweep; the ones in flight finish
    const dispatched = Promise.all([
      dispatcher.stop(),
      fileSweeper.stop(),
      flowTimers.stop(),
      owedSweeper.stop(),
      flowServices!.reminders.stop(),
    ]);
    server.close(() => {
      dispatched
        .then(() => audits.stop()) // a last auditedThrough; writes still open hold it back
        .then(() => storage.close())
        .catch((error: unknown) => console.error(`closing storage failed: ${String(error)}`))
        .finally(() => process.exit(0));
    });
    if ('closeAllConnections' in server) server.closeAllConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Tessera failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
