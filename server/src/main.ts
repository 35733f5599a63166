import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPlatform } from '@tessera/core';
import { createApp } from './create-app.ts';
import { INSTALLED_PLUGINS } from './platform/installed-plugins.ts';
import { openInstanceSettings } from './settings/instance-settings.ts';
import { readServerEnv } from './settings/server-env.ts';

/** Starts Tessera: `HOST`, `PORT` (0 = any free port) and `DATA_DIR` from the environment. */
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
  const app = createApp({ platform });

  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
    const host = info.family === 'IPv6' || env.host.includes(':') ? `[${env.host}]` : env.host;
    console.log(`Tessera is running at http://${host}:${(info as AddressInfo).port}/`);
    console.log('No accounts yet: this build has no stored data; sign-in arrives with storage.');
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`Tessera cannot listen on ${env.host}:${env.port}: ${error.message}`);
    process.exit(1);
  });

  const stop = () => {
    server.close(() => process.exit(0));
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
