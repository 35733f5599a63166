export { ErrorSchema } from '@tessera/core/api';
export { createAdmin, ensureFirstAdmin, type FirstAdmin } from './accounts/first-admin.ts';
export { type AppOptions, createApp, MAX_BODY_BYTES } from './create-app.ts';
export {
  type ApiEnv,
  PLATFORM_ROLES,
  type PlatformRole,
  type Principal,
} from './http/api-env.ts';
export { ApiError, type ErrorBody } from './http/api-error.ts';
export {
  type ApiRoute,
  defineRoute,
  type RouteDeclaration,
  type RouteInput,
} from './http/define-route.ts';
export { defineGuard, type Guard, type GuardInfo, guards } from './http/guards.ts';
export {
  type OpenApiDocument,
  type OpenApiInfo,
  openApiDocument,
} from './http/openapi-document.ts';
export { apiMiddleware, registerRoutes } from './http/register-routes.ts';
export { undeclaredApiRoutes } from './http/route-audit.ts';
export { importDepartments } from './organisation/import-departments.ts';
export type { ImportReport, RowError } from './organisation/import-report.ts';
export { importUsers } from './organisation/import-users.ts';
export { describePlatform, type PlatformDescription } from './platform/describe-platform.ts';
export { INSTALLED_PLUGINS } from './platform/installed-plugins.ts';
export { ensureStorageIndexes, INDEX, STORAGE_INDEXES } from './storage/storage-indexes.ts';
export type { StoreContext } from './storage/store-context.ts';
export { appTypes } from './types/app-types.ts';
export {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
} from './webhooks/dispatcher.ts';
export { createEventPublisher, type EventPublisher } from './webhooks/event-publisher.ts';
export {
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
} from './webhooks/event-types.ts';
