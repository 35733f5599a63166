import type { Platform } from '@tessera/core';
import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { describePlatform } from '../platform/describe-platform.ts';
import { SERVER_VERSION } from '../version.ts';

/** `GET /health` and `GET /platform`: liveness and what the installed plugins contribute. */
export function infoRoutes(platform: Platform): ApiRoute[] {
  const description = describePlatform(platform);
  return [
    implement(api.platform.health, {
      // public: a constant answer for load balancers; reads no stored data
      guard: guards.public(),
      handler: (c) => c.json({ status: 'ok', version: SERVER_VERSION }),
    }),
    implement(api.platform.describe, {
      // public: describes the code shipped with this build (plugin names, labels, function
      // signatures); no stored data, nothing about accounts or apps
      guard: guards.public(),
      handler: (c) => c.json(description),
    }),
  ];
}
