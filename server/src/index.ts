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
export { ErrorSchema } from './http/error-schema.ts';
export { defineGuard, type Guard, type GuardInfo, guards } from './http/guards.ts';
export {
  type OpenApiDocument,
  type OpenApiInfo,
  openApiDocument,
} from './http/openapi-document.ts';
export { apiMiddleware, registerRoutes } from './http/register-routes.ts';
export { undeclaredApiRoutes } from './http/route-audit.ts';
export { describePlatform, type PlatformDescription } from './platform/describe-platform.ts';
export { INSTALLED_PLUGINS } from './platform/installed-plugins.ts';
export { appTypes } from './types/app-types.ts';
