import type { Static } from '@tessera/core';
import type {
  PackInstallBodySchema,
  PackInstallStateSchema,
  PackListingSchema,
  PackMigrationStepSchema,
  PackUpgradePreviewSchema,
} from '@tessera/core/api';

/** Where an install, upgrade or removal stands (`GET /api/packs/{name}/install`). */
export type InstallState = Static<typeof PackInstallStateSchema>;

export type InstallStep = InstallState['step'];

/** One pack of the store (`GET /api/packs`). */
export type PackListing = Static<typeof PackListingSchema>;

/** A role the pack declares, to be given to people and departments at install. */
export type PackRole = PackListing['roles'][number];

/** A data migration step the upgrade applies, with how many records it touches. */
export type PackMigration = Static<typeof PackMigrationStepSchema>;

/** What an upgrade will change (`POST /api/packs/{name}/upgrade/preview`). */
export type UpgradePreview = Static<typeof PackUpgradePreviewSchema>;

/** `POST /api/packs/{name}/install`'s body. */
export type InstallBody = Static<typeof PackInstallBodySchema>;

/** Who a pack role goes to: people (user ids) and departments (department ids). */
export interface RoleChoice {
  readonly users: readonly { readonly id: string; readonly name: string }[];
  readonly departments: readonly { readonly id: string; readonly name: string }[];
}
