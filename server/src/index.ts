export { type AppOptions, createApp, MAX_BODY_BYTES } from './create-app.ts';
export type { ErrorBody } from './http/api-error.ts';
export { describePlatform, type PlatformDescription } from './platform/describe-platform.ts';
export { INSTALLED_PLUGINS } from './platform/installed-plugins.ts';
export { appTypes } from './types/app-types.ts';
