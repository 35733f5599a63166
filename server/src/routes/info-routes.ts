import type { Platform } from '@tessera/core';
import { Hono } from 'hono';
import { describePlatform } from '../platform/describe-platform.ts';
import { SERVER_VERSION } from '../version.ts';

/** `GET /health` and `GET /platform`: liveness and what the installed plugins contribute. */
export function infoRoutes(platform: Platform): Hono {
  const routes = new Hono();
  const description = describePlatform(platform);
  routes.get('/health', (c) => c.json({ status: 'ok', version: SERVER_VERSION }));
  routes.get('/platform', (c) => c.json(description));
  return routes;
}
