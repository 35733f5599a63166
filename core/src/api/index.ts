/**
 * Tessera's API contract: every route's path, input and answer as TypeBox schemas, pure, read
 * by the server (which implements each one), by the typed client (runtime/src/client) and by
 * the OpenAPI document. `api` holds the contracts by group and operation name.
 */
import { recordsApi } from './records.ts';

export * from './common-schemas.ts';
export * from './records.ts';
export * from './route-contract.ts';

export const api = {
  records: recordsApi,
  // groups of flows, notices, sync, views and the workspace
  // groups of accounts, organisation, files, imports, public forms, app roles and the audit log
  // groups of apps, packs, the platform (info, types, expressions, validation) and webhooks
};

export type TesseraApi = typeof api;
