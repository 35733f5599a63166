import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPlatform } from '@tessera/core';
import { storageFromEnv } from '@tessera/runtime';
import { ensureFirstAdmin } from './accounts/first-admin.ts';
import { sweepEndedSessions } from './accounts/sessions.ts';
import { createApp } from './create-app.ts';
import { finishDepartmentMoves } from './organisation/department-moves.ts';
import { INSTALLED_PLUGINS } from './platform/installed-plugins.ts';
import { rollForwardAudits } from './records/audit-roll-forward.ts';
import { createInFlightWrites } from './records/in-flight-writes.ts';
import { auditedThroughMark, openInstanceSettings } from './settings/instance-settings.ts';
import { readServerEnv } from './settings/server-env.ts';
import { ensureStorageIndexes } from './storage/storage-indexes.ts';
import { createDispatcher } from './webhooks/dispatcher.ts';
import { createEventPublisher } from './webhooks/event-publisher.ts';
import { webhooksContext } from './webhooks/webhooks-context.ts';

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
  if (audits.recovered > 0) {
    console.log(
      `Recovered ${audits.recovered} audit entries of record changes interrupted by a crash`,
    );
  }
  const app = createApp({
    platform,
    storage,
    trustedOrigins: env.trustedOrigins,
    webhooks,
    inFlight,
    ...upload,
  });
  // sends the webhook outbox; several servers share it, each delivery is claimed by one
  const dispatcher = createDispatcher({
    storage,
    now: Date.now,
    instanceId: settings.instanceId,
    ...webhooks,
  });

  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
    const host = info.family === 'IPv6' || env.host.includes(':') ? `[${env.host}]` : env.host;
    const url = `http://${host}:${(info as AddressInfo).port}/`;
    console.log(`Tessera is running at ${url}`);
    dispatcher.start();
    audits.start();
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

  const stop = () => {
    const dispatched = dispatcher.stop(); // no new batch; the one in flight finishes
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
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Tessera failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
