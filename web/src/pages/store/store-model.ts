import type { Locale } from '@tessera/core';
import { ApiProblem } from '../../api/api-error.ts';
import type { SignedInUser } from '../../app-context/app-context.ts';
import type {
  InstallBody,
  InstallState,
  InstallStep,
  PackListing,
  PackMigration,
  RoleChoice,
  UpgradePreview,
} from './store-types.ts';

/** Who sees the store: administrators and implementers, as the pack API allows. */
export const STORE_ROLES: readonly string[] = ['admin', 'implementer'];

export const isAdmin = (user: SignedInUser | undefined): boolean =>
  user?.roles.some((role) => STORE_ROLES.includes(role)) ?? false;

/** The installed app's id (the server names it after the pack, with `-` turned into `_`). */
export const appIdOf = (listing: Pick<PackListing, 'installed' | 'app'>): string =>
  listing.installed?.app ?? listing.app;

/** The app's data pages. */
export const appHref = (app: string): string => `/apps/${encodeURIComponent(app)}`;

/** Semver order of two versions (`1.10.0` after `1.9.2`; a pre-release before its release). */
export function compareVersions(a: string, b: string): number {
  const split = (version: string) => {
    const [core = '', pre] = version.split('+')[0]!.split(/-(.*)/s);
    return { parts: core.split('.').map((one) => Number.parseInt(one, 10) || 0), pre };
  };
  const left = split(a);
  const right = split(b);
  for (let index = 0; index < 3; index++) {
    const difference = (left.parts[index] ?? 0) - (right.parts[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (left.pre === right.pre) return 0;
  if (left.pre === undefined) return 1;
  if (right.pre === undefined) return -1;
  return left.pre < right.pre ? -1 : 1;
}

/**
 * What a card offers: install, open (installed), upgrade, finish an upgrade that stopped
 * (`stalled`: the server rolls upgrades forward), wait (busy), or install again (failed).
 */
export type CardState = 'install' | 'installed' | 'upgrade' | 'stalled' | 'busy' | 'failed';

export function cardState(listing: PackListing): CardState {
  const installed = listing.installed;
  if (!installed) return 'install';
  if (installed.state === 'failed') return 'failed';
  if (installed.state === 'upgrading' && installed.error) return 'stalled';
  if (installed.state !== 'installed') return 'busy';
  return compareVersions(listing.version, installed.version) > 0 ? 'upgrade' : 'installed';
}

/** The plugins the pack needs that this server lacks (install cannot go on while any). */
export const missingPlugins = (listing: PackListing) => listing.plugins.filter((one) => !one.ok);

/** Whether the pack can be installed here: its plugins are all there and it passed checking. */
export const installable = (listing: PackListing): boolean =>
  missingPlugins(listing).length === 0 && listing.valid !== false;

/** The steps of an install, and of an upgrade, in the order the server runs them. */
export const INSTALL_STEPS: readonly InstallStep[] = [
  'validate',
  'plugins',
  'definitions',
  'demo',
  'roles',
  'publish',
];
export const UPGRADE_STEPS: readonly InstallStep[] = ['validate', 'plugins', 'publish', 'migrate'];

/**
 * Whether the state is an end: installed, failed (rolled back), or an upgrade that stopped
 * with an error (it stays `upgrading` until it is run again).
 */
export const finished = (state: InstallState): boolean =>
  state.state === 'installed' || state.state === 'failed' || state.error !== undefined;

/** The data migration steps of a preview, every version step's in order. */
export const migrationSteps = (preview: UpgradePreview): PackMigration[] =>
  preview.migrations.flatMap((one) => one.steps);

/** The install request: people and departments by role (roles nobody was given are left out). */
export function installBody(
  version: string,
  roles: Readonly<Record<string, RoleChoice>>,
  demo: boolean,
): InstallBody {
  const mapped: Record<string, { users?: string[]; departments?: string[] }> = {};
  for (const [role, choice] of Object.entries(roles)) {
    const users = choice.users.map((one) => one.id);
    const departments = choice.departments.map((one) => one.id);
    if (users.length === 0 && departments.length === 0) continue;
    mapped[role] = {
      ...(users.length > 0 ? { users } : {}),
      ...(departments.length > 0 ? { departments } : {}),
    };
  }
  return { version, roles: mapped, demo };
}

export const unmapped = (choice: RoleChoice | undefined): boolean =>
  !choice || (choice.users.length === 0 && choice.departments.length === 0);

export interface ShownIssue {
  readonly path: string;
  readonly message: string;
}

/** Issues (`{ path, message }`, the message a string or in both languages) as shown. */
export function shownIssues(issues: unknown, locale: Locale): ShownIssue[] {
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((one: unknown) => {
    if (!one || typeof one !== 'object') return [];
    const { path, message } = one as { path?: unknown; message?: unknown };
    const text =
      typeof message === 'string'
        ? message
        : message && typeof message === 'object'
          ? String((message as Record<string, unknown>)[locale] ?? '')
          : '';
    return [{ path: typeof path === 'string' && path ? path : '/', message: text }];
  });
}

/** The issues a refusal lists (each with its JSON pointer), in the person's language. */
export const problemIssues = (error: unknown, locale: Locale): ShownIssue[] =>
  error instanceof ApiProblem ? shownIssues(error.detail.issues, locale) : [];

export const problemText = (error: unknown): string =>
  error instanceof ApiProblem || error instanceof Error ? error.message : String(error);

/** The largest pack file the server takes. */
export const MAX_PACK_BYTES = 20 * 1024 * 1024;
