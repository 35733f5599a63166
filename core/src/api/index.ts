/**
 * Tessera's API contract: every route's path, input and answer as TypeBox schemas, pure, read
 * by the server (which implements each one), by the typed client (runtime/src/client) and by
 * the OpenAPI document. `api` holds the contracts by group and operation name.
 */
import { appRolesApi } from './app-roles.ts';
import { appsApi } from './apps.ts';
import { auditApi } from './audit.ts';
import { authApi } from './auth.ts';
import { departmentsApi } from './departments.ts';
import { filesApi } from './files.ts';
import { flowsApi } from './flows.ts';
import { importsApi } from './imports.ts';
import { noticesApi } from './notices.ts';
import { packsApi } from './packs.ts';
import { platformApi } from './platform.ts';
import { positionsApi } from './positions.ts';
import { publicFormsApi } from './public-forms.ts';
import { recordsApi } from './records.ts';
import { syncApi } from './sync.ts';
import { tokensApi } from './tokens.ts';
import { usersApi } from './users.ts';
import { viewsApi } from './views.ts';
import { webhooksApi } from './webhooks.ts';
import { workspaceApi } from './workspace.ts';

export * from './app-roles.ts';
export * from './apps.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './common-schemas.ts';
export * from './definition-schemas.ts';
export * from './departments.ts';
export * from './files.ts';
export * from './flows.ts';
export * from './imports.ts';
export * from './notices.ts';
export * from './packs.ts';
export * from './platform.ts';
export * from './platform-description.ts';
export * from './positions.ts';
export * from './public-forms.ts';
export * from './records.ts';
export * from './route-contract.ts';
export * from './sync.ts';
export * from './tokens.ts';
export * from './users.ts';
export * from './views.ts';
export * from './webhook-schemas.ts';
export * from './webhooks.ts';
export * from './workspace.ts';

export const api = {
  records: recordsApi,
  flows: flowsApi,
  notices: noticesApi,
  sync: syncApi,
  views: viewsApi,
  workspace: workspaceApi,
  auth: authApi,
  tokens: tokensApi,
  users: usersApi,
  departments: departmentsApi,
  positions: positionsApi,
  files: filesApi,
  imports: importsApi,
  publicForms: publicFormsApi,
  appRoles: appRolesApi,
  audit: auditApi,
  apps: appsApi,
  packs: packsApi,
  platform: platformApi,
  webhooks: webhooksApi,
};

export type TesseraApi = typeof api;
