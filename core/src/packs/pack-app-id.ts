import type { AppDefinition } from '../model/app.ts';
import type { PackManifest } from '../model/pack.ts';

/**
 * The id of the app a pack installs: its name without an npm scope, with `-` and `.` turned
 * into `_` (`after-sales` → `after_sales`), so it is a valid app id.
 */
export function packAppId(name: string): string {
  const bare = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
  const id = bare.replace(/[-.]/g, '_');
  return /^[A-Za-z]/.test(id) ? id : `p_${id}`;
}

/** The app definition a pack installs: its app parts under the pack's app id. */
export function packApp(pack: PackManifest): AppDefinition {
  const { name, version, demo, migrations, rows, ...parts } = pack;
  void version;
  void demo;
  void migrations;
  void rows;
  return { ...parts, id: packAppId(name) } as AppDefinition;
}
